package dev.otelspring.autoconfigure.exporter.statistics;

import dev.otelspring.autoconfigure.config.BatchSettings;
import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.logs.LogRecordExporterDecorator;
import dev.otelspring.autoconfigure.metrics.MetricExporterDecorator;
import dev.otelspring.autoconfigure.sdk.BatchSpanProcessorBuilderCustomizer;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.SdkShutdownListener;
import dev.otelspring.autoconfigure.sdk.SpanExporterDecorator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@link SpanExportStatistics}: every span the SDK's batch
 * processor handles is counted as exported, failed or dropped, by wrapping the exporters
 * it exports to and listening to the processor's own drop counter; losses are reported in
 * a few log lines and once more at shutdown.
 */
@AutoConfiguration(before = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, SpanExporter.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
public final class SpanExportStatisticsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SpanExportStatistics.class);

	@Bean
	@ConditionalOnMissingBean
	SpanExportStatistics otelSpanExportStatistics() {
		return new SpanExportStatistics();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SpanExporterDecorator otelSpanExportCounting(SpanExportStatistics statistics, Environment environment) {
		SdkExportLoggers loggers = new SdkExportLoggers(environment);
		return (exporter) -> {
			// From here on the statistics report export failures: the SDK's own lines
			// would repeat them.
			loggers.quiet();
			return new MonitoredSpanExporter(exporter, statistics);
		};
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	BatchSpanProcessorBuilderCustomizer otelSpanDropCounting(SpanExportStatistics statistics) {
		return (builder) -> builder.setMeterProvider(statistics.dropCountingMeterProvider());
	}

	@Bean
	@ConditionalOnClass(MetricExporter.class)
	MetricExporterDecorator otelMetricExportFailureReport() {
		return MonitoredMetricExporter::new;
	}

	@Bean
	@ConditionalOnClass(LogRecordExporter.class)
	LogRecordExporterDecorator otelLogExportFailureReport() {
		return MonitoredLogRecordExporter::new;
	}

	@Bean
	SpanExportMetrics otelSpanExportMetrics(ObjectProvider<OpenTelemetry> openTelemetry,
			SpanExportStatistics statistics, Environment environment) {
		return new SpanExportMetrics(openTelemetry.getIfAvailable(OpenTelemetry::noop), statistics,
				BatchSettings.from(environment).maxQueueSize());
	}

	@Bean
	SdkShutdownListener otelSpanLossReport(SpanExportStatistics statistics) {
		return (completed) -> {
			long lost = statistics.getFailed() + statistics.getDropped();
			if (lost > 0) {
				logger.warn("OpenTelemetry shut down; " + lost + " span(s) were lost "
						+ (completed ? "while the application ran" : "before the shutdown timed out") + " ("
						+ statistics.getFailed() + " failed to export, " + statistics.getDropped()
						+ " dropped from a full queue); " + statistics.getExported() + " were exported. Last error: "
						+ statistics.getLastError());
			}
		};
	}

}
