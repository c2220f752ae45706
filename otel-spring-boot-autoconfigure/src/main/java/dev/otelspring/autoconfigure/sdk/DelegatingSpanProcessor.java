package dev.otelspring.autoconfigure.sdk;

import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A {@link SpanProcessor} bean that hands spans on to another {@link SpanProcessor} bean,
 * which the tracer provider then must not call directly (tail sampling in front of the
 * batch processor, for example). The tracer provider gets this processor and not its
 * delegate.
 */
public interface DelegatingSpanProcessor extends SpanProcessor {

	/**
	 * Returns the processor spans are handed on to.
	 * @return the delegate
	 */
	SpanProcessor getDelegate();

}
