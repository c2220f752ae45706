package dev.otelspring.test;

import java.util.function.Consumer;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A {@link SpanProcessor} that hands every ended span to a callback, on the thread that ends it, and
 * ignores span starts: {@code EndedSpans.to(spans::add)}.
 */
public final class EndedSpans implements SpanProcessor {

	private final Consumer<ReadableSpan> onEnd;

	private EndedSpans(Consumer<ReadableSpan> onEnd) {
		this.onEnd = onEnd;
	}

	public static EndedSpans to(Consumer<ReadableSpan> onEnd) {
		return new EndedSpans(onEnd);
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
		this.onEnd.accept(span);
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

}
