package dev.otelspring.autoconfigure.exporter.statistics;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * A {@link LogRecordExporter} decorator that reports failing log exports through an
 * {@link ExportFailureLog}. The records of a failed export are lost; the logging threads
 * never wait for an export.
 */
final class MonitoredLogRecordExporter implements LogRecordExporter {

	private final LogRecordExporter delegate;

	private final ExportFailureLog failures = new ExportFailureLog("Log record", "log records are dropped");

	MonitoredLogRecordExporter(LogRecordExporter delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletableResultCode export(Collection<LogRecordData> logs) {
		return this.failures.watch(() -> this.delegate.export(logs));
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
		return "MonitoredLogRecordExporter{" + this.delegate + "}";
	}

}
