package dev.otelspring.autoconfigure.exporter.console;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnMetricsExporter;
import dev.otelspring.autoconfigure.config.MetricsExporterType;
import dev.otelspring.autoconfigure.metrics.OpenTelemetryMetricsAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ConsoleMetricExporter}, selected with
 * {@code otel.metrics.exporter=console}: each collection is logged as one block at INFO
 * level under the logger {@code dev.otelspring.console}.
 */
@AutoConfiguration(before = OpenTelemetryMetricsAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, SdkMeterProvider.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnMetricsExporter(MetricsExporterType.CONSOLE)
public final class ConsoleMetricExporterAutoConfiguration {

	private static final Log logger = LogFactory.getLog("dev.otelspring.console");

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ConsoleMetricExporter consoleMetricExporter() {
		return new ConsoleMetricExporter((text) -> logger.info(System.lineSeparator() + text));
	}

}
