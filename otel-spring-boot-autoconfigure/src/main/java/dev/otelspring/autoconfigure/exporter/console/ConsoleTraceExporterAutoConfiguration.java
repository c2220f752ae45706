package dev.otelspring.autoconfigure.exporter.console;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnTracesExporter;
import dev.otelspring.autoconfigure.config.TracesExporterType;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ConsoleTraceExporter}, selected with
 * {@code otel.traces.exporter=console}: each finished trace is logged as a tree at INFO
 * level under the logger {@code dev.otelspring.console}.
 */
@AutoConfiguration(before = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, SpanExporter.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnTracesExporter(TracesExporterType.CONSOLE)
public final class ConsoleTraceExporterAutoConfiguration {

	private static final Log logger = LogFactory.getLog("dev.otelspring.console");

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ConsoleTraceExporter consoleTraceExporter() {
		return new ConsoleTraceExporter((tree) -> logger.info(System.lineSeparator() + tree), 1000, 1000);
	}

}
