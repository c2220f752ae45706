package dev.otelspring.autoconfigure.web.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * One outgoing HTTP call: its CLIENT span and what its duration metric is recorded with.
 * Created by {@link ClientSpans#start}; confined to the call.
 */
public final class ClientCall {

	final Span span;

	final Context context;

	final String method;

	final String host;

	final long port;

	final String scheme;

	final long start;

	int status;

	String errorType;

	ClientCall(Span span, Context context, String method, String host, long port, String scheme, long start) {
		this.span = span;
		this.context = context;
		this.method = method;
		this.host = host;
		this.port = port;
		this.scheme = scheme;
		this.start = start;
	}

	/**
	 * Returns the call's span.
	 * @return the span
	 */
	public Span span() {
		return this.span;
	}

}
