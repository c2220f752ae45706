package dev.otelspring.autoconfigure.web.internal;

import dev.otelspring.autoconfigure.internal.SpanTiming;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The stable HTTP client metric of one instrumentation:
 * {@code http.client.request.duration}, a histogram in seconds with the conventions'
 * bucket boundaries and attributes (method, {@code _OTHER} for one that is not known;
 * {@code server.address}, {@code server.port}, {@code url.scheme}, the status,
 * {@code error.type}). Recorded in the caller's context, for exemplars. Without a meter
 * (metrics off) nothing is measured. Thread-safe.
 */
public final class HttpClientMetrics {

	private static final Log logger = LogFactory.getLog(HttpClientMetrics.class);

	private final DoubleHistogram duration;

	/**
	 * Creates the metric of one instrumentation.
	 * @param openTelemetry where the meter comes from
	 * @param instrumentationName the instrumentation scope's name
	 * @param enabled whether to record at all
	 */
	public HttpClientMetrics(OpenTelemetry openTelemetry, String instrumentationName, boolean enabled) {
		Meter meter = SpanTiming.meter(openTelemetry, instrumentationName, enabled);
		this.duration = (meter != null) ? meter.histogramBuilder("http.client.request.duration")
			.setUnit("s")
			.setDescription("Duration of HTTP client requests.")
			.setExplicitBucketBoundariesAdvice(HttpMetricsInstruments.DURATION_BUCKETS)
			.build() : null;
	}

	/**
	 * Returns whether calls are measured.
	 * @return whether calls are measured
	 */
	public boolean isEnabled() {
		return this.duration != null;
	}

	/**
	 * Records a call whose span has ended.
	 * @param call the call
	 */
	void record(ClientCall call) {
		if (this.duration == null) {
			return;
		}
		try {
			AttributesBuilder attributes = Attributes.builder().put(HttpAttributes.HTTP_REQUEST_METHOD, call.method);
			if (call.host != null) {
				attributes.put(ServerAttributes.SERVER_ADDRESS, call.host);
			}
			if (call.port > 0) {
				attributes.put(ServerAttributes.SERVER_PORT, call.port);
			}
			if (call.scheme != null) {
				attributes.put(UrlAttributes.URL_SCHEME, call.scheme);
			}
			if (call.status > 0) {
				attributes.put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, HttpStatusCodes.valueOf(call.status));
			}
			if (call.errorType != null) {
				attributes.put(ErrorAttributes.ERROR_TYPE, call.errorType);
			}
			this.duration.record(SpanTiming.seconds(call.span, call.start), attributes.build(), call.context);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the duration of a call", ex);
		}
	}

}
