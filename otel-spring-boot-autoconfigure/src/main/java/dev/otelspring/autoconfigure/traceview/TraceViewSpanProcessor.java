package dev.otelspring.autoconfigure.traceview;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands every ended, sampled span to the {@link TraceStore}. It exists only while the
 * trace view is on. A failure is logged once and never reaches the thread that ended the
 * span.
 */
final class TraceViewSpanProcessor implements SpanProcessor {

	private static final Log logger = LogFactory.getLog(TraceViewSpanProcessor.class);

	private final TraceStore store;

	private volatile boolean failureLogged;

	TraceViewSpanProcessor(TraceStore store) {
		this.store = store;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (!span.getSpanContext().isSampled()) {
			return;
		}
		try {
			this.store.add(span.toSpanData());
		}
		catch (RuntimeException ex) {
			if (!this.failureLogged) {
				this.failureLogged = true;
				logger.warn("The trace view could not hold a span; it goes on with the next ones", ex);
			}
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

}
