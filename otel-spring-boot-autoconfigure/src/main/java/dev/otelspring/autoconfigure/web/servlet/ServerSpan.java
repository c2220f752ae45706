package dev.otelspring.autoconfigure.web.servlet;

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

	Throwable recordedException;

	ServerSpan(Span span, Context context, String method) {
		this.span = span;
		this.context = context;
		this.method = method;
	}

	void recordException(Throwable exception) {
		if (exception != null && exception != this.recordedException) {
			this.recordedException = exception;
			this.span.recordException(exception);
		}
	}

}
