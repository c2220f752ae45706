package dev.otelspring.autoconfigure.metrics;

import io.opentelemetry.sdk.metrics.export.MetricExporter;

/**
 * Wraps the metric exporters before a periodic reader is built over each of them.
 * Decorators are applied in order, each around the result of the one before.
 */
@FunctionalInterface
public interface MetricExporterDecorator {

	/**
	 * Returns the exporter to use in place of the given one.
	 * @param exporter the exporter
	 * @return the exporter to use
	 */
	MetricExporter decorate(MetricExporter exporter);

}
