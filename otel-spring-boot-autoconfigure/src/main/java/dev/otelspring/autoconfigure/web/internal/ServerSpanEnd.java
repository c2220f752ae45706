package dev.otelspring.autoconfigure.web.internal;

import java.util.List;
import java.util.function.Function;

import dev.otelspring.autoconfigure.internal.Guarded;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the servlet and the WebFlux SERVER spans record when a request ends: the status,
 * the route and the name it gives, ERROR with {@code error.type} for 5xx answers and
 * failures, the captured response headers; then the span ends and the request's duration
 * goes to the {@link HttpServerMetrics} with the same route and {@code error.type}.
 * Thread-safe.
 */
public final class ServerSpanEnd {

	private static final Log logger = LogFactory.getLog(ServerSpanEnd.class);

	private final CapturedHeaders responseHeaders;

	private final HttpServerMetrics metrics;

	private final RouteNames routeNames = new RouteNames();

	/**
	 * Creates the end of the server spans of one instrumentation.
	 * @param responseHeaders the response headers to record
	 * @param metrics where the request's duration goes
	 */
	public ServerSpanEnd(CapturedHeaders responseHeaders, HttpServerMetrics metrics) {
		this.responseHeaders = responseHeaders;
		this.metrics = metrics;
	}

	/**
	 * Records the end of a request on its span, ends the span and records the request's
	 * duration. Never throws.
	 * @param span the span
	 * @param context the request's context
	 * @param measured the request's measurement, or {@code null}
	 * @param method the request's method when it is a known one (the span is then renamed
	 * after the route), or {@code null}
	 * @param status the response status
	 * @param contextPath the application's context path, {@code ""} for none
	 * @param pattern the pattern the handler mapping matched, or {@code null}
	 * @param failed whether the request failed with an exception
	 * @param exception the exception recorded on the span, named by {@code error.type},
	 * or {@code null}
	 * @param headers the response's header values by name
	 * @param protocolVersion the {@code network.protocol.version}, or {@code null}
	 */
	public void end(Span span, Context context, HttpServerMetrics.Request measured, String method, int status,
			String contextPath, String pattern, boolean failed, Throwable exception,
			Function<String, List<String>> headers, String protocolVersion) {
		String route = null;
		String errorType = null;
		try {
			route = record(span, method, status, contextPath, pattern, failed, exception, headers);
			errorType = errorType(status, failed, exception);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not complete the server span", ex);
		}
		Guarded.end(span, logger);
		this.metrics.end(measured, span, context, status, route, errorType, protocolVersion);
	}

	/**
	 * Ends the span of a request the client gave up on before an answer went out: no
	 * status, {@code error.type=cancelled}. Never throws.
	 * @param span the span
	 * @param context the request's context
	 * @param measured the request's measurement, or {@code null}
	 * @param method the request's method when it is a known one, or {@code null}
	 * @param contextPath the application's context path, {@code ""} for none
	 * @param pattern the pattern the handler mapping matched, or {@code null}
	 */
	public void endCancelled(Span span, Context context, HttpServerMetrics.Request measured, String method,
			String contextPath, String pattern) {
		String route = null;
		try {
			route = recordRoute(span, method, 0, contextPath, pattern);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, "cancelled");
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not complete the server span", ex);
		}
		Guarded.end(span, logger);
		this.metrics.end(measured, span, context, 0, route, "cancelled", null);
	}

	private static String errorType(int status, boolean failed, Throwable exception) {
		if (status >= 500 || failed) {
			return (exception != null) ? exception.getClass().getName() : Integer.toString(status);
		}
		return null;
	}

	/**
	 * Records the end of a request on its span (without ending it).
	 * @param span the span
	 * @param method the request's method when it is a known one (the span is then renamed
	 * after the route), or {@code null}
	 * @param status the response status
	 * @param contextPath the application's context path, {@code ""} for none
	 * @param pattern the pattern the handler mapping matched, or {@code null}
	 * @param failed whether the request failed with an exception
	 * @param exception the exception recorded on the span, named by {@code error.type},
	 * or {@code null}
	 * @param headers the response's header values by name
	 * @return the route recorded, or {@code null}
	 */
	private String record(Span span, String method, int status, String contextPath, String pattern, boolean failed,
			Throwable exception, Function<String, List<String>> headers) {
		span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, HttpStatusCodes.valueOf(status));
		String route = recordRoute(span, method, status, contextPath, pattern);
		String errorType = errorType(status, failed, exception);
		if (errorType != null) {
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, errorType);
		}
		if (!this.responseHeaders.isEmpty()) {
			this.responseHeaders.record(span, headers);
		}
		return route;
	}

	/**
	 * Records the route, and names the span after it when the method is a known one.
	 * @param span the span
	 * @param method the request's method when it is a known one, or {@code null}
	 * @param status the response status, {@code 0} when none was sent
	 * @param contextPath the application's context path, {@code ""} for none
	 * @param pattern the pattern the handler mapping matched, or {@code null}
	 * @return the route recorded, or {@code null}
	 */
	private String recordRoute(Span span, String method, int status, String contextPath, String pattern) {
		if (pattern != null && RouteNames.isRoute(pattern, status)) {
			String route = contextPath.isEmpty() ? pattern : contextPath + pattern;
			span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
			if (method != null && span.isRecording()) {
				span.updateName(this.routeNames.name(method, route));
			}
			return route;
		}
		return null;
	}

}
