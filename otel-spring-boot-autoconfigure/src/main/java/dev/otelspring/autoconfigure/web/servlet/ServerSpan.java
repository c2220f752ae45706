package dev.otelspring.autoconfigure.web.servlet;

import dev.otelspring.autoconfigure.web.internal.HttpServerMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * The server span of one request, kept as a request attribute so that async and error
 * dispatches, and the exception resolver, find it.
 */
final class ServerSpan {

	static final String ATTRIBUTE = ServerSpan.class.getName();

	final Span span;

	final Context context;

	final String method;

	final HttpServerMetrics.Request measured;

	/**
	 * Whether the end of the request is recorded: on the span, or as a duration. A span
	 * that does not record, with no duration measured, only carries the context on.
	 */
	final boolean recordsEnd;

	Throwable recordedException;

	ServerSpan(Span span, Context context, String method, HttpServerMetrics.Request measured) {
		this.span = span;
		this.context = context;
		this.method = method;
		this.measured = measured;
		this.recordsEnd = span.isRecording() || measured != null;
	}

	void recordException(Throwable exception) {
		if (exception != null && exception != this.recordedException) {
			this.recordedException = exception;
			this.span.recordException(exception);
		}
	}

}
