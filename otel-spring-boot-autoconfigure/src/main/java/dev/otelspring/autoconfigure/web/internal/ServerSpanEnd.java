package dev.otelspring.autoconfigure.web.internal;

import java.util.List;
import java.util.function.Function;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;

/**
 * What the servlet and the WebFlux SERVER spans record when a request ends: the status,
 * the route and the name it gives, ERROR with {@code error.type} for 5xx answers and
 * failures, the captured response headers. Thread-safe.
 */
public final class ServerSpanEnd {

	private final CapturedHeaders responseHeaders;

	private final RouteNames routeNames = new RouteNames();

	/**
	 * Creates the end of the server spans of one instrumentation.
	 * @param responseHeaders the response headers to record
	 */
	public ServerSpanEnd(CapturedHeaders responseHeaders) {
		this.responseHeaders = responseHeaders;
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
	 */
	public void record(Span span, String method, int status, String contextPath, String pattern, boolean failed,
			Throwable exception, Function<String, List<String>> headers) {
		span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, HttpStatusCodes.valueOf(status));
		recordRoute(span, method, status, contextPath, pattern);
		if (status >= 500 || failed) {
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ErrorAttributes.ERROR_TYPE,
					(exception != null) ? exception.getClass().getName() : Integer.toString(status));
		}
		if (!this.responseHeaders.isEmpty()) {
			this.responseHeaders.record(span, headers);
		}
	}

	/**
	 * Records the route, and names the span after it when the method is a known one.
	 * @param span the span
	 * @param method the request's method when it is a known one, or {@code null}
	 * @param status the response status, {@code 0} when none was sent
	 * @param contextPath the application's context path, {@code ""} for none
	 * @param pattern the pattern the handler mapping matched, or {@code null}
	 */
	public void recordRoute(Span span, String method, int status, String contextPath, String pattern) {
		if (pattern != null && RouteNames.isRoute(pattern, status)) {
			String route = contextPath.isEmpty() ? pattern : contextPath + pattern;
			span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
			if (method != null) {
				span.updateName(this.routeNames.name(method, route));
			}
		}
	}

}
