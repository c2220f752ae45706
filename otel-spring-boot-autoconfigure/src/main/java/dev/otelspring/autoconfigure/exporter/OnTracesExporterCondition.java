package dev.otelspring.autoconfigure.exporter;

import java.util.List;

import dev.otelspring.autoconfigure.config.OtelProperties;

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
		String exporter = (String) metadata.getAnnotationAttributes(ConditionalOnTracesExporter.class.getName())
			.get("value");
		List<String> exporters = TracesExporters.get(new OtelProperties(context.getEnvironment()));
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnTracesExporter.class,
				exporter);
		if (exporters.contains(exporter)) {
			return ConditionOutcome.match(message.because(TracesExporters.TRACES_EXPORTER + " lists it"));
		}
		return ConditionOutcome
			.noMatch(message.because(TracesExporters.TRACES_EXPORTER + " is " + String.join(",", exporters)));
	}

}
