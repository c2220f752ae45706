package dev.otelspring.autoconfigure.logs;

import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * Wraps the log record exporters before the batch processor is built over them.
 * Decorators are applied in order, each around the result of the one before.
 */
@FunctionalInterface
public interface LogRecordExporterDecorator {

	/**
	 * Returns the exporter to use in place of the given one.
	 * @param exporter the exporter
	 * @return the exporter to use
	 */
	LogRecordExporter decorate(LogRecordExporter exporter);

}
