package dev.otelspring.autoconfigure.web.internal;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import dev.otelspring.autoconfigure.internal.SpanTiming;
import dev.otelspring.autoconfigure.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The CLIENT spans of outgoing HTTP calls, the same for every client
 * ({@code RestTemplate}, {@code RestClient}, {@code WebClient}): started with the method,
 * {@code url.full} (sanitized), {@code server.address} and {@code server.port} and the
 * captured request headers; completed with the status (4xx and 5xx are errors) and the
 * captured response headers, or with the failure; when it ends, its duration goes to the
 * {@link HttpClientMetrics}. Every call is guarded: a failure of tracing costs the span,
 * never the call. Thread-safe.
 */
public final class ClientSpans {

	private static final Log logger = LogFactory.getLog(ClientSpans.class);

	private final Tracer tracer;

	private final HttpMethods methods;

	private final UnsampledParents unsampledParents;

	private final UrlSanitizer sanitizer;

	private final CapturedHeaders requestHeaders;

	private final CapturedHeaders responseHeaders;

	private final HttpClientMetrics metrics;

	/**
	 * Creates the client spans of one instrumentation.
	 * @param openTelemetry where the tracer comes from
	 * @param instrumentationName the tracer's name
	 * @param methods the known HTTP methods
	 * @param sanitizer what removes secrets from URLs
	 * @param requestHeaders the request headers to record
	 * @param responseHeaders the response headers to record
	 */
	public ClientSpans(OpenTelemetry openTelemetry, String instrumentationName, HttpMethods methods,
			UrlSanitizer sanitizer, CapturedHeaders requestHeaders, CapturedHeaders responseHeaders) {
		this(openTelemetry, instrumentationName, methods, sanitizer, requestHeaders, responseHeaders, true);
	}

	/**
	 * Creates the client spans of one instrumentation.
	 * @param openTelemetry where the tracer and meter come from
	 * @param instrumentationName the tracer's name
	 * @param methods the known HTTP methods
	 * @param sanitizer what removes secrets from URLs
	 * @param requestHeaders the request headers to record
	 * @param responseHeaders the response headers to record
	 * @param metrics whether to record {@code http.client.request.duration}
	 */
	public ClientSpans(OpenTelemetry openTelemetry, String instrumentationName, HttpMethods methods,
			UrlSanitizer sanitizer, CapturedHeaders requestHeaders, CapturedHeaders responseHeaders, boolean metrics) {
		this.tracer = openTelemetry.getTracer(instrumentationName);
		this.methods = methods;
		this.unsampledParents = UnsampledParents.of(openTelemetry);
		this.sanitizer = sanitizer;
		this.requestHeaders = requestHeaders;
		this.responseHeaders = responseHeaders;
		this.metrics = new HttpClientMetrics(openTelemetry, instrumentationName, metrics);
	}

	/**
	 * Starts the span of a call.
	 * @param method the HTTP method
	 * @param uri the URI called
	 * @param parent the parent context, or {@code null} for the current one
	 * @param headers the request's header values by name
	 * @return the call, or {@code null} when its span could not be started
	 */
	public ClientCall start(String method, URI uri, Context parent, Function<String, List<String>> headers) {
		try {
			boolean known = this.methods.isKnown(method);
			Context parentContext = (parent != null) ? parent : Context.current();
			String host = UrlSanitizer.host(uri);
			long port = UrlSanitizer.port(uri);
			Span span = this.unsampledParents.dropsChildOf(parentContext)
					? this.methods.startWithoutAttributes(this.tracer, method, known, SpanKind.CLIENT, parentContext)
					: startSpan(method, known, uri, parentContext, host, port);
			if (!this.requestHeaders.isEmpty()) {
				this.requestHeaders.record(span, headers);
			}
			if (!this.metrics.isEnabled()) {
				return new ClientCall(span, null, null, null, 0, null, 0);
			}
			Context context = parentContext.with(span);
			return new ClientCall(span, context, known ? method : HttpMethods.OTHER, host, port, uri.getScheme(),
					SpanTiming.start(span));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a client span; the call proceeds untraced", ex);
			return null;
		}
	}

	/**
	 * Starts the span with the call's attributes, before the sampler decides.
	 * @param method the HTTP method
	 * @param known whether the method is a known one
	 * @param uri the URI called
	 * @param parent the parent context
	 * @param host the host called, or {@code null}
	 * @param port the port called, or {@code 0} or less when unknown
	 * @return the started span
	 */
	private Span startSpan(String method, boolean known, URI uri, Context parent, String host, long port) {
		SpanBuilder builder = this.methods.spanBuilder(this.tracer, method, known, SpanKind.CLIENT)
			.setParent(parent)
			.setAttribute(UrlAttributes.URL_FULL, this.sanitizer.sanitizeUrl(uri));
		if (host != null) {
			builder.setAttribute(ServerAttributes.SERVER_ADDRESS, host);
		}
		if (port > 0) {
			builder.setAttribute(ServerAttributes.SERVER_PORT, port);
		}
		return builder.startSpan();
	}

	/**
	 * Records the answer: its status (4xx and 5xx mark an error) and captured headers.
	 * @param call the call
	 * @param status the status code
	 * @param headers the response's header values by name
	 */
	public void onResponse(ClientCall call, int status, Function<String, List<String>> headers) {
		try {
			Span span = call.span;
			call.status = status;
			span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, HttpStatusCodes.valueOf(status));
			if (status >= 400) {
				call.errorType = Integer.toString(status);
				span.setStatus(StatusCode.ERROR);
				span.setAttribute(ErrorAttributes.ERROR_TYPE, call.errorType);
			}
			if (!this.responseHeaders.isEmpty()) {
				this.responseHeaders.record(span, headers);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the response on the client span", ex);
		}
	}

	/**
	 * Records a failed call: the exception, ERROR status, {@code error.type}.
	 * @param call the call
	 * @param failure what the call threw
	 */
	public void onFailure(ClientCall call, Throwable failure) {
		try {
			Span span = call.span;
			call.errorType = failure.getClass().getName();
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, call.errorType);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the failure on the client span", ex);
		}
	}

	/**
	 * Marks a call its caller gave up on: {@code error.type=cancelled}.
	 * @param call the call
	 */
	public void onCancel(ClientCall call) {
		try {
			call.errorType = "cancelled";
			call.span.setAttribute(ErrorAttributes.ERROR_TYPE, "cancelled");
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not mark the client span cancelled", ex);
		}
	}

	/**
	 * Ends the call's span and records its duration. Never throws.
	 * @param call the call
	 */
	public void end(ClientCall call) {
		try {
			call.span.end();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not end the client span", ex);
		}
		this.metrics.record(call);
	}

}
