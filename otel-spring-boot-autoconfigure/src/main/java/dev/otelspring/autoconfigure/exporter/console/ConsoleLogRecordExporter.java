package dev.otelspring.autoconfigure.exporter.console;

import java.io.PrintStream;
import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * A {@link LogRecordExporter} for development that prints each record as the pipeline
 * sees it, one line on standard out: severity, scope (the logger), trace and span ids,
 * body. It prints straight to the stream, not through a logger, so that its lines are not
 * logged, and exported, again. Thread-safe.
 */
public final class ConsoleLogRecordExporter implements LogRecordExporter {

	private final PrintStream out;

	/**
	 * Creates an exporter that prints to the given stream.
	 * @param out the stream
	 */
	public ConsoleLogRecordExporter(PrintStream out) {
		this.out = out;
	}

	@Override
	public CompletableResultCode export(Collection<LogRecordData> logs) {
		StringBuilder text = new StringBuilder();
		for (LogRecordData log : logs) {
			text.append("otel.log ")
				.append(log.getSeverityText())
				.append(' ')
				.append(log.getInstrumentationScopeInfo().getName());
			if (log.getSpanContext().isValid()) {
				text.append(" trace_id=")
					.append(log.getSpanContext().getTraceId())
					.append(" span_id=")
					.append(log.getSpanContext().getSpanId());
			}
			text.append(": ").append(log.getBody().asString()).append(System.lineSeparator());
		}
		this.out.print(text);
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		this.out.flush();
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return flush();
	}

}
