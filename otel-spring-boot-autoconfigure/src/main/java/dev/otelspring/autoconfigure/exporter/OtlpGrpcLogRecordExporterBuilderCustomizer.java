package dev.otelspring.autoconfigure.exporter;

import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;

/**
 * Callback to adjust the {@link OtlpGrpcLogRecordExporterBuilder} after the
 * {@code otel.exporter.otlp.*} properties have been applied. Every bean of this type is
 * applied, in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface OtlpGrpcLogRecordExporterBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, already configured from properties
	 */
	void customize(OtlpGrpcLogRecordExporterBuilder builder);

}
