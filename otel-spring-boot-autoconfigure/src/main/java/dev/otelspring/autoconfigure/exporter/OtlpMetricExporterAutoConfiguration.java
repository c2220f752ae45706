package dev.otelspring.autoconfigure.exporter;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnMetricsExporter;
import dev.otelspring.autoconfigure.config.ConditionalOnOtlpProtocol;
import dev.otelspring.autoconfigure.config.ExporterRetryProperties;
import dev.otelspring.autoconfigure.config.MetricsExporterType;
import dev.otelspring.autoconfigure.config.MetricsSettings;
import dev.otelspring.autoconfigure.config.OtlpExporterSettings;
import dev.otelspring.autoconfigure.config.OtlpProtocol;
import dev.otelspring.autoconfigure.config.OtlpSignal;
import dev.otelspring.autoconfigure.metrics.OpenTelemetryMetricsAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OTLP metric exporter, over {@code http/protobuf} (through the
 * JDK's HttpClient, on the same daemon threads as the span exporter) or {@code grpc},
 * from the standard {@code otel.exporter.otlp.*} settings, read from their
 * {@code otel.exporter.otlp.metrics.*} forms first; with the temporality preference and
 * default histogram aggregation the SDK's keys name.
 *
 * <p>
 * Backs off when the application defines its own exporter of the same type, or its own
 * {@link OpenTelemetry}. The exporter is shut down by the meter provider that reads it.
 */
@AutoConfiguration(before = OpenTelemetryMetricsAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, OtlpHttpMetricExporter.class, SdkMeterProvider.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnMetricsExporter(MetricsExporterType.OTLP)
public final class OtlpMetricExporterAutoConfiguration {

	private static AggregationTemporalitySelector temporality(MetricsSettings settings) {
		return switch (settings.temporality()) {
			case DELTA -> AggregationTemporalitySelector.deltaPreferred();
			case LOWMEMORY -> AggregationTemporalitySelector.lowMemory();
			case CUMULATIVE -> AggregationTemporalitySelector.alwaysCumulative();
		};
	}

	private static DefaultAggregationSelector aggregation(MetricsSettings settings) {
		return switch (settings.histogramAggregation()) {
			case BASE2_EXPONENTIAL_BUCKET_HISTOGRAM -> DefaultAggregationSelector.getDefault()
				.with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram());
			case EXPLICIT_BUCKET_HISTOGRAM -> DefaultAggregationSelector.getDefault();
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnOtlpProtocol(value = OtlpProtocol.HTTP_PROTOBUF, signal = OtlpSignal.METRICS)
	@Import(OtlpExportThreadsConfiguration.class)
	static class HttpProtobufConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpHttpMetricExporter otlpHttpMetricExporter(Environment environment, MetricsSettings metrics,
				ObjectProvider<OtlpHttpMetricExporterBuilderCustomizer> customizers, OtlpExportThreads threads) {
			OtlpExporterSettings settings = OtlpExporterSettings.from(environment, OtlpSignal.METRICS);
			ExporterRetryProperties retry = ExporterRetryProperties.from(environment);
			OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder()
				.setAggregationTemporalitySelector(temporality(metrics))
				.setDefaultAggregationSelector(aggregation(metrics));
			return OtlpExporterBuilders.http(settings, retry, threads, builder,
					new OtlpExporterBuilders.Setters(builder::setEndpoint, builder::addHeader, builder::setTimeout,
							builder::setCompression, builder::setTrustedCertificates, builder::setClientTls,
							builder::setRetryPolicy),
					builder::setExecutorService, builder::setServiceClassLoader,
					(it) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(it)),
					OtlpHttpMetricExporterBuilder::build);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnOtlpProtocol(value = OtlpProtocol.GRPC, signal = OtlpSignal.METRICS)
	static class GrpcConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpGrpcMetricExporter otlpGrpcMetricExporter(Environment environment, MetricsSettings metrics,
				ObjectProvider<OtlpGrpcMetricExporterBuilderCustomizer> customizers) {
			OtlpExporterSettings settings = OtlpExporterSettings.from(environment, OtlpSignal.METRICS);
			ExporterRetryProperties retry = ExporterRetryProperties.from(environment);
			OtlpGrpcMetricExporterBuilder builder = OtlpGrpcMetricExporter.builder()
				.setAggregationTemporalitySelector(temporality(metrics))
				.setDefaultAggregationSelector(aggregation(metrics));
			return OtlpExporterBuilders.grpc(settings, retry, builder,
					new OtlpExporterBuilders.Setters(builder::setEndpoint, builder::addHeader, builder::setTimeout,
							builder::setCompression, builder::setTrustedCertificates, builder::setClientTls,
							builder::setRetryPolicy),
					(it) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(it)),
					OtlpGrpcMetricExporterBuilder::build);
		}

	}

}
