package dev.otelspring.autoconfigure.web.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.otelspring.autoconfigure.internal.SpanTiming;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The stable HTTP server metrics of one instrumentation:
 * {@code http.server.request.duration} (a histogram in seconds, with the conventions'
 * bucket boundaries) and {@code http.server.active_requests}. The attributes are those
 * the conventions name: the method ({@code _OTHER} for one that is not known), the
 * scheme, the status, the route (never the raw path), {@code error.type} and the protocol
 * version, so a request cannot add a label value of its own making.
 *
 * <p>
 * The duration comes from the span's own start and end when the span records, and from
 * one {@link System#nanoTime()} at each end otherwise. It is recorded in the request's
 * context, so that an exemplar ties the bucket to the trace. Without a meter (metrics
 * off) every method returns at once. A failure costs the measurement, never the request.
 * Thread-safe.
 */
public final class HttpServerMetrics {

	private static final Log logger = LogFactory.getLog(HttpServerMetrics.class);

	private final DoubleHistogram duration;

	private final LongUpDownCounter activeRequests;

	private static final int MAX_CACHED_OUTCOMES = 2000;

	private final ConcurrentMap<Outcome, Attributes> outcomes = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Attributes> httpAttributes = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Attributes> httpsAttributes = new ConcurrentHashMap<>();

	/**
	 * Creates the metrics of one instrumentation.
	 * @param openTelemetry where the meter comes from
	 * @param instrumentationName the instrumentation scope's name
	 * @param enabled whether to record at all
	 */
	public HttpServerMetrics(OpenTelemetry openTelemetry, String instrumentationName, boolean enabled) {
		Meter meter = SpanTiming.meter(openTelemetry, instrumentationName, enabled);
		if (meter == null) {
			this.duration = null;
			this.activeRequests = null;
			return;
		}
		this.duration = meter.histogramBuilder("http.server.request.duration")
			.setUnit("s")
			.setDescription("Duration of HTTP server requests.")
			.setExplicitBucketBoundariesAdvice(HttpMetricsInstruments.DURATION_BUCKETS)
			.build();
		this.activeRequests = meter.upDownCounterBuilder("http.server.active_requests")
			.setUnit("{request}")
			.setDescription("Number of active HTTP server requests.")
			.build();
	}

	/**
	 * Returns whether requests are measured.
	 * @return whether requests are measured
	 */
	public boolean isEnabled() {
		return this.duration != null;
	}

	/**
	 * Counts a request as active and notes its start.
	 * @param span the request's span, just started
	 * @param method the method as recorded: a known one, or {@code _OTHER}
	 * @param scheme the URL scheme
	 * @return the request's measurement, or {@code null} when requests are not measured
	 */
	public Request start(Span span, String method, String scheme) {
		if (this.duration == null) {
			return null;
		}
		try {
			Attributes active = activeAttributes(method, scheme);
			this.activeRequests.add(1, active);
			return new Request(active, SpanTiming.start(span));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start measuring a request", ex);
			return null;
		}
	}

	/**
	 * Returns the attributes of the active-requests counter, shared between requests:
	 * methods are already limited to the known ones and {@code _OTHER}.
	 * @param method the method as recorded
	 * @param scheme the scheme
	 * @return the attributes
	 */
	private Attributes activeAttributes(String method, String scheme) {
		ConcurrentMap<String, Attributes> cache = "http".equals(scheme) ? this.httpAttributes
				: "https".equals(scheme) ? this.httpsAttributes : null;
		if (cache == null) {
			return Attributes.of(HttpAttributes.HTTP_REQUEST_METHOD, method, UrlAttributes.URL_SCHEME,
					(scheme != null) ? scheme : "http");
		}
		return cache.computeIfAbsent(method,
				(key) -> Attributes.of(HttpAttributes.HTTP_REQUEST_METHOD, key, UrlAttributes.URL_SCHEME, scheme));
	}

	/**
	 * Records the end of a request: its duration with the attributes of its answer, and
	 * one active request less.
	 * @param request what {@link #start} returned, or {@code null}
	 * @param span the request's span, ended
	 * @param context the request's context, for exemplars
	 * @param status the response status, {@code 0} when none was sent
	 * @param route the route, or {@code null}
	 * @param errorType the {@code error.type}, or {@code null}
	 * @param protocolVersion the {@code network.protocol.version}, or {@code null}
	 */
	public void end(Request request, Span span, Context context, int status, String route, String errorType,
			String protocolVersion) {
		if (request == null) {
			return;
		}
		try {
			this.activeRequests.add(-1, request.active);
			Outcome outcome = new Outcome(request.active, status, route, errorType, protocolVersion);
			Attributes attributes = this.outcomes.get(outcome);
			if (attributes == null) {
				attributes = outcome.attributes();
				// The set is bounded as the metric is (routes, not paths); past the bound
				// the attributes are built for each request.
				if (this.outcomes.size() < MAX_CACHED_OUTCOMES) {
					this.outcomes.putIfAbsent(outcome, attributes);
				}
			}
			this.duration.record(SpanTiming.seconds(span, request.start), attributes,
					(context != null) ? context : Context.root());
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the duration of a request", ex);
		}
	}

	/** One request being measured. */
	public static final class Request {

		private final Attributes active;

		private final long start;

		Request(Attributes active, long start) {
			this.active = active;
			this.start = start;
		}

	}

	/**
	 * What a request's duration is recorded with, as a key: the requests of one route
	 * that end the same way share one attributes instance.
	 */
	private record Outcome(Attributes active, int status, String route, String errorType, String protocolVersion) {

		Attributes attributes() {
			AttributesBuilder attributes = this.active.toBuilder();
			if (this.status > 0) {
				attributes.put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, HttpStatusCodes.valueOf(this.status));
			}
			if (this.route != null) {
				attributes.put(HttpAttributes.HTTP_ROUTE, this.route);
			}
			if (this.errorType != null) {
				attributes.put(ErrorAttributes.ERROR_TYPE, this.errorType);
			}
			if (this.protocolVersion != null) {
				attributes.put(NetworkAttributes.NETWORK_PROTOCOL_VERSION, this.protocolVersion);
			}
			return attributes.build();
		}

	}

}
