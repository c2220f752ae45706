package dev.otelspring.autoconfigure.web.internal;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * What the HTTP server and client metrics share: the meter of an instrumentation, the
 * semantic conventions' bucket boundaries for request durations, and the one clock
 * reading each end of a request makes.
 */
final class HttpMetricsInstruments {

	/**
	 * The explicit bucket boundaries the HTTP semantic conventions advise for
	 * {@code http.server.request.duration} and {@code http.client.request.duration}, in
	 * seconds.
	 */
	static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
			2.5, 5.0, 7.5, 10.0);

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	/** Marks a start read from the span's own clock rather than from ours. */
	static final long FROM_SPAN = Long.MIN_VALUE;

	private HttpMetricsInstruments() {
	}

	/**
	 * Returns the meter of an instrumentation, or {@code null} when the meter provider is
	 * the no-op one (metrics off, or no reader), so that requests then do no metrics work
	 * at all.
	 * @param openTelemetry the OpenTelemetry instance
	 * @param instrumentationName the instrumentation scope's name
	 * @param enabled whether the metrics are switched on
	 * @return the meter, or {@code null}
	 */
	static Meter meter(OpenTelemetry openTelemetry, String instrumentationName, boolean enabled) {
		if (!enabled) {
			return null;
		}
		Meter meter = openTelemetry.getMeter(instrumentationName);
		return (meter == MeterProvider.noop().get(instrumentationName)) ? null : meter;
	}

	/**
	 * Returns the start of a request: nothing to read when the span is a recording SDK
	 * span, whose own start and end times give the duration; otherwise
	 * {@link System#nanoTime()}.
	 * @param span the request's span
	 * @return the start, or {@link #FROM_SPAN}
	 */
	static long start(Span span) {
		return (span instanceof ReadableSpan && span.isRecording()) ? FROM_SPAN : System.nanoTime();
	}

	/**
	 * Returns the duration of a request whose span has ended, in seconds.
	 * @param span the span, ended
	 * @param start what {@link #start(Span)} returned
	 * @return the duration in seconds
	 */
	static double seconds(Span span, long start) {
		long nanos = (start == FROM_SPAN) ? ((ReadableSpan) span).getLatencyNanos() : System.nanoTime() - start;
		return Math.max(0, nanos) / NANOS_PER_SECOND;
	}

}
