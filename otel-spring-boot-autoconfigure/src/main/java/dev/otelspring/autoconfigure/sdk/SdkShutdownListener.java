package dev.otelspring.autoconfigure.sdk;

/**
 * Told when the tracer provider has been flushed and shut down as the application context
 * closes, to report what became of the spans. Every bean of this type is called, in
 * {@link org.springframework.core.Ordered} order; one that throws is logged and skipped.
 */
@FunctionalInterface
public interface SdkShutdownListener {

	/**
	 * Called once the shutdown is over.
	 * @param completed whether the flush and the shutdown finished within the timeout
	 */
	void onShutdown(boolean completed);

}
