package dev.otelspring.test;

import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A span processor that counts the spans ended and throws on each, as a faulty
 * {@code SpanProcessor} bean of the application's would; the SDK lets the exception
 * through {@code span.end()}.
 */
public final class ThrowingOnEnd implements SpanProcessor {

	private final AtomicInteger ended = new AtomicInteger();

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		this.ended.incrementAndGet();
		throw new IllegalStateException("a span processor's own failure");
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	/**
	 * Returns how many spans ended.
	 * @return the count
	 */
	public int ended() {
		return this.ended.get();
	}

}
