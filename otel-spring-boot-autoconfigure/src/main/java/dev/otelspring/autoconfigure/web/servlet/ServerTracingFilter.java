package dev.otelspring.autoconfigure.web.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import dev.otelspring.autoconfigure.config.PathPattern;
import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.web.internal.AttributeSetter;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.HttpServerMetrics;
import dev.otelspring.autoconfigure.web.internal.ServerSpanEnd;
import dev.otelspring.autoconfigure.web.internal.ServerSpanStart;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * A servlet {@link Filter} that makes a SERVER span of every HTTP request, following the
 * stable HTTP semantic conventions.
 *
 * <p>
 * The context is extracted with the configured propagators (malformed headers are ignored
 * and a new trace starts), the span is current while the handler runs, and it ends when
 * the response is complete: at once for a synchronous request, when the async work
 * completes for an async one. A span that does not record, when no duration is measured
 * either, only carries the context on: nothing is read from the response for it. Async
 * and error dispatches of a traced request make no second span; they run with the first
 * one current.
 *
 * <p>
 * Tracing never breaks the request: a failure inside this filter's own work is logged at
 * DEBUG and the request proceeds. Thread-safe.
 */
final class ServerTracingFilter implements Filter {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.web.servlet";

	private static final Log logger = LogFactory.getLog(ServerTracingFilter.class);

	private static final TextMapGetter<HttpServletRequest> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(HttpServletRequest carrier) {
			Enumeration<String> names = carrier.getHeaderNames();
			return (names != null) ? Collections.list(names) : List.of();
		}

		@Override
		public String get(HttpServletRequest carrier, String key) {
			return (carrier != null) ? carrier.getHeader(key) : null;
		}

	};

	private final TextMapPropagator propagator;

	private final HttpMethods methods;

	private final ServerSpanStart spanStart;

	private final ServerSpanStart.RequestAttributes<HttpServletRequest> requestAttributes = this::setRequestAttributes;

	private final HttpServerMetrics metrics;

	private final ServerSpanEnd spanEnd;

	private volatile Long lastServerPort;

	ServerTracingFilter(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			List<PathPattern> skipPaths, CapturedHeaders requestHeaders, CapturedHeaders responseHeaders,
			boolean traceResponseHeader) {
		this(openTelemetry, methods, sanitizer, skipPaths, requestHeaders, responseHeaders, traceResponseHeader, true);
	}

	ServerTracingFilter(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			List<PathPattern> skipPaths, CapturedHeaders requestHeaders, CapturedHeaders responseHeaders,
			boolean traceResponseHeader, boolean metrics) {
		this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
		this.methods = methods;
		this.spanStart = new ServerSpanStart(openTelemetry, INSTRUMENTATION_NAME, methods, sanitizer, skipPaths,
				requestHeaders, traceResponseHeader);
		this.metrics = new HttpServerMetrics(openTelemetry, INSTRUMENTATION_NAME, metrics);
		this.spanEnd = new ServerSpanEnd(responseHeaders, this.metrics);
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
			chain.doFilter(req, res);
			return;
		}
		Object existing = request.getAttribute(ServerSpan.ATTRIBUTE);
		if (existing instanceof ServerSpan serverSpan) {
			// An async or error dispatch of a request we already trace.
			Scope scope = Guarded.makeCurrent(serverSpan.context, logger);
			try {
				chain.doFilter(request, response);
			}
			finally {
				Guarded.close(scope, logger);
			}
			return;
		}
		ServerSpan serverSpan = start(request, response);
		if (serverSpan == null) {
			chain.doFilter(request, response);
			return;
		}
		Throwable failure = null;
		Scope scope = Guarded.makeCurrent(serverSpan.context, logger);
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			Guarded.close(scope, logger);
			finish(serverSpan, request, response, failure);
		}
	}

	private ServerSpan start(HttpServletRequest request, HttpServletResponse response) {
		try {
			String path = UrlSanitizer.withoutPathParameters(request.getRequestURI());
			if (this.spanStart.isSkipped(pathWithinApplication(request, path))) {
				return null;
			}
			Context parent = extract(request);
			String method = request.getMethod();
			boolean known = this.methods.isKnown(method);
			Span span = this.spanStart.start(parent, method, known, request, path, this.requestAttributes);
			this.spanStart.recordRequestHeaders(span, (name) -> Collections.list(request.getHeaders(name)));
			String traceResponse = this.spanStart.traceResponse(span);
			if (traceResponse != null) {
				response.setHeader("traceresponse", traceResponse);
			}
			HttpServerMetrics.Request measured = this.metrics.start(span, known ? method : HttpMethods.OTHER,
					request.getScheme());
			ServerSpan serverSpan = new ServerSpan(span, parent.with(span), known ? method : null, measured);
			request.setAttribute(ServerSpan.ATTRIBUTE, serverSpan);
			return serverSpan;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a server span; the request proceeds untraced", ex);
			return null;
		}
	}

	private void setRequestAttributes(AttributeSetter attributes, HttpServletRequest request, String path) {
		attributes.set(UrlAttributes.URL_PATH, path);
		attributes.set(UrlAttributes.URL_SCHEME, request.getScheme());
		attributes.set(ServerAttributes.SERVER_ADDRESS, request.getServerName());
		attributes.set(ServerAttributes.SERVER_PORT, serverPort(request.getServerPort()));
		this.spanStart.addOptionalAttributes(attributes, request.getQueryString(), request.getRemoteAddr(),
				request.getHeader("User-Agent"));
		String protocol = protocolVersion(request.getProtocol());
		if (protocol != null) {
			attributes.set(NetworkAttributes.NETWORK_PROTOCOL_VERSION, protocol);
		}
	}

	/**
	 * Extracts the caller's context. A propagator that throws on a malformed header costs
	 * the request its parent, not its span: a new trace starts.
	 * @param request the request
	 * @return the context
	 */
	private Context extract(HttpServletRequest request) {
		try {
			return this.propagator.extract(Context.root(), request, GETTER);
		}
		catch (RuntimeException ex) {
			logger.debug("Ignoring trace headers that could not be read", ex);
			return Context.root();
		}
	}

	private void finish(ServerSpan serverSpan, HttpServletRequest request, HttpServletResponse response,
			Throwable failure) {
		try {
			if (!serverSpan.recordsEnd) {
				return;
			}
			if (failure == null && request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new EndOnCompletion(serverSpan));
				return;
			}
			end(serverSpan, request, response, failure);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not end the server span", ex);
		}
	}

	void end(ServerSpan serverSpan, HttpServletRequest request, HttpServletResponse response, Throwable failure) {
		int status = response.getStatus();
		if (failure != null && status < 500) {
			// The container answers 500 to an exception that escaped the filter chain.
			status = 500;
		}
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		serverSpan.recordException(unwrap(failure, serverSpan.recordedException));
		this.spanEnd.end(serverSpan.span, serverSpan.context, serverSpan.measured, serverSpan.method, status,
				request.getContextPath(), (pattern != null) ? pattern.toString() : null, failure != null,
				serverSpan.recordedException, (name) -> List.copyOf(response.getHeaders(name)),
				protocolVersion(request.getProtocol()));
	}

	/**
	 * Returns the exception to record: Spring MVC wraps what a handler threw in a
	 * {@link ServletException}, and the exception resolver has usually recorded the cause
	 * already.
	 * @param failure the failure
	 * @param recorded the recorded
	 * @return the throwable
	 */
	private static Throwable unwrap(Throwable failure, Throwable recorded) {
		if (failure instanceof ServletException && failure.getCause() != null) {
			return failure.getCause();
		}
		return (failure != null) ? failure : recorded;
	}

	/**
	 * Returns the port as a {@code Long}, reusing the last one: a server has few ports.
	 * @param port the port
	 * @return the long
	 */
	private Long serverPort(int port) {
		Long last = this.lastServerPort;
		if (last != null && last == port) {
			return last;
		}
		Long boxed = (long) port;
		this.lastServerPort = boxed;
		return boxed;
	}

	/**
	 * Returns the path the application routes: within the context path, without path
	 * parameters ({@code ;jsessionid=...}) and percent-decoded, so that
	 * {@code /api/orders/1;.css} is not taken for a stylesheet.
	 * @param request the request
	 * @param uri the request URI without path parameters
	 * @return the path to match skip patterns against
	 */
	private static String pathWithinApplication(HttpServletRequest request, String uri) {
		String contextPath = request.getContextPath();
		String path = (contextPath.isEmpty() || !uri.startsWith(contextPath)) ? uri
				: uri.substring(contextPath.length());
		return (path.indexOf('%') >= 0) ? decode(path) : path;
	}

	private static String decode(String path) {
		try {
			return UriUtils.decode(path, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return path;
		}
	}

	private static String protocolVersion(String protocol) {
		if (protocol == null) {
			return null;
		}
		return switch (protocol) {
			case "HTTP/1.1" -> "1.1";
			case "HTTP/2.0" -> "2";
			case "HTTP/1.0" -> "1.0";
			default -> protocol.startsWith("HTTP/") ? protocol.substring(5) : null;
		};
	}

	/** Ends the span of an async request when the async work is done. */
	private final class EndOnCompletion implements AsyncListener {

		private final ServerSpan serverSpan;

		private Throwable failure;

		EndOnCompletion(ServerSpan serverSpan) {
			this.serverSpan = serverSpan;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			try {
				end(this.serverSpan, (HttpServletRequest) event.getSuppliedRequest(),
						(HttpServletResponse) event.getSuppliedResponse(), this.failure);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Could not end the server span of an async request", ex);
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			this.serverSpan.span.setAttribute(ErrorAttributes.ERROR_TYPE, "timeout");
		}

		@Override
		public void onError(AsyncEvent event) {
			this.failure = event.getThrowable();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
