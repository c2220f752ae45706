package dev.otelspring.autoconfigure.exporter.statistics;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link MetricExporter} decorator that reports failing metric exports the way span
 * exports are reported: one WARN line when exporting starts failing, one INFO line when
 * it recovers, the failed collections counted in between; never a line per export. A
 * failure loses that collection's points only: the next collection carries cumulative
 * values again.
 */
final class MonitoredMetricExporter implements MetricExporter {

	private static final Log logger = LogFactory.getLog(MonitoredMetricExporter.class);

	private final MetricExporter delegate;

	private final AtomicBoolean failing = new AtomicBoolean();

	private final AtomicLong failedExports = new AtomicLong();

	MonitoredMetricExporter(MetricExporter delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletableResultCode export(Collection<MetricData> metrics) {
		CompletableResultCode result;
		try {
			result = this.delegate.export(metrics);
		}
		catch (RuntimeException ex) {
			onFailed(ex);
			return CompletableResultCode.ofFailure();
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				onExported();
			}
			else {
				onFailed(failureOf(result));
			}
		});
		return result;
	}

	private void onExported() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Metric export recovered after " + this.failedExports.getAndSet(0) + " failed export(s).");
		}
	}

	private void onFailed(Throwable error) {
		this.failedExports.incrementAndGet();
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("Metric export is failing (" + ((error != null) ? error : "the exporter reported a failure")
					+ "); collections are dropped until it recovers. Requests are not affected. Further failures "
					+ "are counted, not logged.");
		}
	}

	private static Throwable failureOf(CompletableResultCode result) {
		try {
			return result.getFailureThrowable();
		}
		catch (LinkageError ex) {
			return null;
		}
	}

	/**
	 * Returns how many exports in a row have failed.
	 * @return how many exports in a row have failed
	 */
	long getFailedExports() {
		return this.failedExports.get();
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
