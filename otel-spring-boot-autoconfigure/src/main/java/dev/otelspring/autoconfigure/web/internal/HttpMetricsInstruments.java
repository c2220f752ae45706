package dev.otelspring.autoconfigure.web.internal;

import java.util.List;

/**
 * What the HTTP server and client metrics share: the semantic conventions' bucket
 * boundaries for request durations.
 */
final class HttpMetricsInstruments {

	/**
	 * The explicit bucket boundaries the HTTP semantic conventions advise for
	 * {@code http.server.request.duration} and {@code http.client.request.duration}, in
	 * seconds.
	 */
	static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
			2.5, 5.0, 7.5, 10.0);

	private HttpMetricsInstruments() {
	}

}
