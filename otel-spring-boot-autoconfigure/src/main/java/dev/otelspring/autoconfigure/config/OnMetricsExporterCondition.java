package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnMetricsExporter}.
 */
class OnMetricsExporterCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		MetricsExporterType exporter = (MetricsExporterType) metadata
			.getAnnotationAttributes(ConditionalOnMetricsExporter.class.getName())
			.get("value");
		List<MetricsExporterType> exporters = MetricsSettings.exporters(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnMetricsExporter.class,
				exporter.value());
		return new ConditionOutcome(exporters.contains(exporter), message.because(OtelPropertyNames.METRICS_EXPORTER
				+ " is " + String.join(",", exporters.stream().map(MetricsExporterType::value).toList())));
	}

}
