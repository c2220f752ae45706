package dev.otelspring.autoconfigure.exporter;

import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;

/**
 * Callback to adjust the {@link OtlpGrpcMetricExporterBuilder} after the
 * {@code otel.exporter.otlp.*} properties have been applied. Every bean of this type is
 * applied, in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface OtlpGrpcMetricExporterBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, already configured from properties
	 */
	void customize(OtlpGrpcMetricExporterBuilder builder);

}
