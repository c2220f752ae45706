package dev.otelspring.autoconfigure.exporter.console;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnLogsExporter;
import dev.otelspring.autoconfigure.config.LogsExporterType;
import dev.otelspring.autoconfigure.logs.OpenTelemetryLogsAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ConsoleLogRecordExporter}, selected with
 * {@code otel.logs.exporter=console}.
 */
@AutoConfiguration(before = OpenTelemetryLogsAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, SdkLoggerProvider.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnLogsExporter(LogsExporterType.CONSOLE)
public final class ConsoleLogRecordExporterAutoConfiguration {

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ConsoleLogRecordExporter consoleLogRecordExporter() {
		return new ConsoleLogRecordExporter(System.out);
	}

}
