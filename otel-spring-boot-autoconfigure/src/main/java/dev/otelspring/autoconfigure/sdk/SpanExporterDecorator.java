package dev.otelspring.autoconfigure.sdk;

import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Wraps the exporter the batch span processor exports to (every {@link SpanExporter}
 * bean, as one composite) before the processor is built. Every bean of this type is
 * applied, in {@link org.springframework.core.Ordered} order, the first innermost.
 */
@FunctionalInterface
public interface SpanExporterDecorator {

	/**
	 * Wraps the exporter.
	 * @param exporter the exporter to wrap
	 * @return the exporter to use instead
	 */
	SpanExporter decorate(SpanExporter exporter);

}
