package dev.otelspring.autoconfigure.web.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Records an exception thrown by a handler on the request's server span, then lets the
 * application's own resolvers ({@code @ExceptionHandler}, {@code @ControllerAdvice})
 * handle it: it never resolves anything itself. So an exception turned into a 4xx or 5xx
 * answer still shows on the span.
 */
final class TracingHandlerExceptionResolver implements HandlerExceptionResolver, Ordered {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getAttribute(ServerSpan.ATTRIBUTE) instanceof ServerSpan serverSpan) {
			try {
				serverSpan.recordException(ex);
			}
			catch (RuntimeException ignored) {
				// tracing never changes how the exception is handled
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
