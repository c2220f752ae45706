package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnTracesExporter}.
 */
class OnTracesExporterCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		TracesExporterType exporter = (TracesExporterType) metadata
			.getAnnotationAttributes(ConditionalOnTracesExporter.class.getName())
			.get("value");
		List<TracesExporterType> exporters = TracesExporterSettings.from(context.getEnvironment()).exporters();
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnTracesExporter.class,
				exporter.value());
		return new ConditionOutcome(exporters.contains(exporter), message.because(OtelPropertyNames.TRACES_EXPORTER
				+ " is " + String.join(",", exporters.stream().map(TracesExporterType::value).toList())));
	}

}
