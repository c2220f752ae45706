package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnLogsExporter}.
 */
class OnLogsExporterCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		LogsExporterType exporter = (LogsExporterType) metadata
			.getAnnotationAttributes(ConditionalOnLogsExporter.class.getName())
			.get("value");
		List<LogsExporterType> exporters = LogsSettings.exporters(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnLogsExporter.class,
				exporter.value());
		return new ConditionOutcome(exporters.contains(exporter), message.because(OtelPropertyNames.LOGS_EXPORTER
				+ " is " + String.join(",", exporters.stream().map(LogsExporterType::value).toList())));
	}

}
