/**
 * What became of the spans the application tried to export. Public API:
 * {@link dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatistics}, readable
 * by the application.
 */
package dev.otelspring.autoconfigure.exporter.statistics;
