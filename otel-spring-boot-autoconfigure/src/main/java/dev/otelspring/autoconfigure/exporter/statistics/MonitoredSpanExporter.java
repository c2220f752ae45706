package dev.otelspring.autoconfigure.exporter.statistics;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A {@link SpanExporter} decorator that counts exported and failed spans in
 * {@link SpanExportStatistics}. Adds no work to request threads: it runs on the batch
 * processor's export thread.
 */
final class MonitoredSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final SpanExportStatistics statistics;

	/**
	 * Creates a decorator.
	 * @param delegate the exporter that does the work
	 * @param statistics where the outcomes are counted
	 */
	MonitoredSpanExporter(SpanExporter delegate, SpanExportStatistics statistics) {
		this.delegate = delegate;
		this.statistics = statistics;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			this.statistics.onFailed(count, ex);
			return CompletableResultCode.ofFailure();
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.statistics.onExported(count);
			}
			else {
				this.statistics.onFailed(count, failureOf(result));
			}
		});
		return result;
	}

	private static Throwable failureOf(CompletableResultCode result) {
		try {
			return result.getFailureThrowable();
		}
		catch (LinkageError ex) {
			// An SDK without failure details: the count is still right.
			return null;
		}
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
		return "MonitoredSpanExporter{" + this.delegate + "}";
	}

}
