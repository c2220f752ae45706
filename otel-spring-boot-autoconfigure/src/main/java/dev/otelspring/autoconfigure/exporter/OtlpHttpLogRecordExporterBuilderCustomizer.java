package dev.otelspring.autoconfigure.exporter;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;

/**
 * Callback to adjust the {@link OtlpHttpLogRecordExporterBuilder} after the
 * {@code otel.exporter.otlp.*} properties have been applied. Every bean of this type is
 * applied, in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface OtlpHttpLogRecordExporterBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, already configured from properties
	 */
	void customize(OtlpHttpLogRecordExporterBuilder builder);

}
