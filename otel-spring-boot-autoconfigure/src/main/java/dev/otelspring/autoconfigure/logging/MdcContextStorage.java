package dev.otelspring.autoconfigure.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * A {@link ContextStorage} wrapper that keeps {@code trace_id}, {@code span_id} and
 * {@code trace_flags} in the SLF4J MDC (Logback, or Log4j2 through its SLF4J binding)
 * while a span is current, and puts back what was there before when the scope closes.
 * Thread-safe: the MDC is per thread.
 */
final class MdcContextStorage implements ContextStorage {

	static final String TRACE_ID = "trace_id";

	static final String SPAN_ID = "span_id";

	static final String TRACE_FLAGS = "trace_flags";

	/**
	 * Whether OpenTelemetry took this wrapper when it initialized its context storage.
	 */
	static volatile boolean installed;

	private final ContextStorage delegate;

	MdcContextStorage(ContextStorage delegate) {
		this.delegate = delegate;
		installed = true;
	}

	@Override
	public Scope attach(Context toAttach) {
		Scope scope = this.delegate.attach(toAttach);
		if (scope == Scope.noop()) {
			// The context was already current: nothing changes.
			return scope;
		}
		String previousTraceId = MDC.get(TRACE_ID);
		String previousSpanId = MDC.get(SPAN_ID);
		String previousFlags = MDC.get(TRACE_FLAGS);
		SpanContext spanContext = (toAttach != null) ? Span.fromContext(toAttach).getSpanContext()
				: SpanContext.getInvalid();
		if (spanContext.isValid()) {
			MDC.put(TRACE_ID, spanContext.getTraceId());
			MDC.put(SPAN_ID, spanContext.getSpanId());
			MDC.put(TRACE_FLAGS, spanContext.getTraceFlags().asHex());
		}
		else if (previousTraceId != null) {
			MDC.remove(TRACE_ID);
			MDC.remove(SPAN_ID);
			MDC.remove(TRACE_FLAGS);
		}
		return () -> {
			scope.close();
			restore(TRACE_ID, previousTraceId);
			restore(SPAN_ID, previousSpanId);
			restore(TRACE_FLAGS, previousFlags);
		};
	}

	private static void restore(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

	@Override
	public Context current() {
		return this.delegate.current();
	}

	@Override
	public Context root() {
		return this.delegate.root();
	}

}
