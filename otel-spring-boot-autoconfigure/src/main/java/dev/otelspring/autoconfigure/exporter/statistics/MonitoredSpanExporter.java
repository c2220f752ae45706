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
		return ExportFailureLog.observe(() -> this.delegate.export(spans), () -> this.statistics.onExported(count),
				(error) -> this.statistics.onFailed(count, error));
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
