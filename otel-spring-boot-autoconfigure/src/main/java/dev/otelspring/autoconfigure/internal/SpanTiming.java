package dev.otelspring.autoconfigure.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * How an instrumentation times an operation for its duration metric with no second clock
 * reading: a recording SDK span has its own start and end times; only an operation whose
 * span does not record reads {@link System#nanoTime()}, once at each end. And the meter
 * an instrumentation records with, or none when metrics are off.
 */
public final class SpanTiming {

	/** Marks a start read from the span's own clock rather than from ours. */
	private static final long FROM_SPAN = Long.MIN_VALUE;

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	private SpanTiming() {
	}

	/**
	 * Returns the meter of an instrumentation, or {@code null} when the meter provider is
	 * the no-op one (metrics off, or no reader), so that operations then do no metrics
	 * work at all.
	 * @param openTelemetry the OpenTelemetry instance
	 * @param instrumentationName the instrumentation scope's name
	 * @param enabled whether the metrics are switched on
	 * @return the meter, or {@code null}
	 */
	public static Meter meter(OpenTelemetry openTelemetry, String instrumentationName, boolean enabled) {
		if (!enabled) {
			return null;
		}
		Meter meter = openTelemetry.getMeter(instrumentationName);
		return (meter == MeterProvider.noop().get(instrumentationName)) ? null : meter;
	}

	/**
	 * Returns the start of an operation whose span has just started.
	 * @param span the span, or {@code null} for an operation without one
	 * @return the start, to give to {@link #seconds}
	 */
	public static long start(Span span) {
		return (span instanceof ReadableSpan && span.isRecording()) ? FROM_SPAN : System.nanoTime();
	}

	/**
	 * Returns the duration of an operation whose span has ended, in seconds.
	 * @param span the span, ended, or {@code null}
	 * @param start what {@link #start(Span)} returned
	 * @return the duration in seconds
	 */
	public static double seconds(Span span, long start) {
		long nanos = (start == FROM_SPAN) ? ((ReadableSpan) span).getLatencyNanos() : System.nanoTime() - start;
		return Math.max(0, nanos) / NANOS_PER_SECOND;
	}

}
