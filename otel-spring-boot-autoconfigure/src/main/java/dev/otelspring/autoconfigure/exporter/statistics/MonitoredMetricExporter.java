package dev.otelspring.autoconfigure.exporter.statistics;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

/**
 * A {@link MetricExporter} decorator that reports failing metric exports through an
 * {@link ExportFailureLog}. A failure loses that collection's points only: the next
 * collection carries cumulative values again.
 */
final class MonitoredMetricExporter implements MetricExporter {

	private final MetricExporter delegate;

	private final ExportFailureLog failures = new ExportFailureLog("Metric", "collections are dropped");

	MonitoredMetricExporter(MetricExporter delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletableResultCode export(Collection<MetricData> metrics) {
		return this.failures.watch(() -> this.delegate.export(metrics));
	}

	@Override
	public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
		return this.delegate.getAggregationTemporality(instrumentType);
	}

	@Override
	public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
		return this.delegate.getDefaultAggregation(instrumentType);
	}

	@Override
	public MemoryMode getMemoryMode() {
		return this.delegate.getMemoryMode();
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public String toString() {
		return "MonitoredMetricExporter{" + this.delegate + "}";
	}

}
