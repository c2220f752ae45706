package dev.otelspring.autoconfigure.web.reactive;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import dev.otelspring.autoconfigure.config.PathPattern;
import dev.otelspring.autoconfigure.context.ReactorContextPropagation;
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
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A {@link WebFilter} that makes a SERVER span of every WebFlux request, with the same
 * attributes, names and rules as the servlet filter: the context is extracted with the
 * configured propagators (malformed headers start a new trace), written into the Reactor
 * context so the handler's whole pipeline runs with it, and the span ends when the
 * response is complete, a streamed one included. A request the client cancels ends its
 * span with {@code error.type=cancelled}. A span that does not record, when no duration
 * is measured either, only carries the context on: the end of the exchange is not watched
 * for it. Tracing never breaks the request: a failure in this filter's own work is logged
 * at DEBUG and the request proceeds. Thread-safe.
 */
final class ServerTracingWebFilter implements WebFilter, Ordered {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.web.reactive";

	/** First, so that the span covers security and every other filter. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	private static final Log logger = LogFactory.getLog(ServerTracingWebFilter.class);

	private static final TextMapGetter<HttpHeaders> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(HttpHeaders carrier) {
			return carrier.toSingleValueMap().keySet();
		}

		@Override
		public String get(HttpHeaders carrier, String key) {
			return (carrier != null) ? carrier.getFirst(key) : null;
		}

	};

	private final TextMapPropagator propagator;

	private final HttpMethods methods;

	private final ServerSpanStart spanStart;

	private final ServerSpanStart.RequestAttributes<ServerHttpRequest> requestAttributes = this::setRequestAttributes;

	private final HttpServerMetrics metrics;

	private final ServerSpanEnd spanEnd;

	ServerTracingWebFilter(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			List<PathPattern> skipPaths, CapturedHeaders requestHeaders, CapturedHeaders responseHeaders,
			boolean traceResponseHeader) {
		this(openTelemetry, methods, sanitizer, skipPaths, requestHeaders, responseHeaders, traceResponseHeader, true);
	}

	ServerTracingWebFilter(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
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
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Traced traced = start(exchange);
		if (traced == null) {
			return chain.filter(exchange);
		}
		if (!traced.recordsEnd) {
			return chain.filter(exchange)
				.contextWrite((context) -> context.put(ReactorContextPropagation.KEY, traced.context));
		}
		return chain.filter(exchange)
			.doOnError(traced::fail)
			.doFinally((signal) -> end(traced, exchange, signal))
			.contextWrite((context) -> context.put(ReactorContextPropagation.KEY, traced.context));
	}

	private Traced start(ServerWebExchange exchange) {
		try {
			ServerHttpRequest request = exchange.getRequest();
			String path = UrlSanitizer.withoutPathParameters(request.getURI().getRawPath());
			String withinApplication = UrlSanitizer
				.withoutPathParameters(request.getPath().pathWithinApplication().value());
			if (this.spanStart.isSkipped(withinApplication)) {
				return null;
			}
			Context parent = extract(request.getHeaders());
			String method = request.getMethod().name();
			boolean known = this.methods.isKnown(method);
			Span span = this.spanStart.start(parent, method, known, request, path, this.requestAttributes);
			this.spanStart.recordRequestHeaders(span, request.getHeaders()::getValuesAsList);
			String traceResponse = this.spanStart.traceResponse(span);
			if (traceResponse != null) {
				exchange.getResponse().getHeaders().set("traceresponse", traceResponse);
			}
			HttpServerMetrics.Request measured = this.metrics.start(span, known ? method : HttpMethods.OTHER,
					request.getURI().getScheme());
			return new Traced(span, parent.with(span), known ? method : null, measured);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a server span; the request proceeds untraced", ex);
			return null;
		}
	}

	private void setRequestAttributes(AttributeSetter attributes, ServerHttpRequest request, String path) {
		attributes.set(UrlAttributes.URL_PATH, path);
		attributes.set(UrlAttributes.URL_SCHEME, request.getURI().getScheme());
		String host = request.getURI().getHost();
		if (host != null) {
			attributes.set(ServerAttributes.SERVER_ADDRESS, host);
		}
		int port = request.getURI().getPort();
		if (port > 0) {
			attributes.set(ServerAttributes.SERVER_PORT, (long) port);
		}
		InetSocketAddress remote = request.getRemoteAddress();
		this.spanStart.addOptionalAttributes(attributes, request.getURI().getRawQuery(),
				(remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null,
				request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
	}

	/**
	 * Extracts the caller's context. A propagator that throws on a malformed header costs
	 * the request its parent, not its span: a new trace starts.
	 * @param headers the request's headers
	 * @return the context
	 */
	private Context extract(HttpHeaders headers) {
		try {
			return this.propagator.extract(Context.root(), headers, GETTER);
		}
		catch (RuntimeException ex) {
			logger.debug("Ignoring trace headers that could not be read", ex);
			return Context.root();
		}
	}

	private void end(Traced traced, ServerWebExchange exchange, SignalType signal) {
		Span span = traced.span;
		int status = 0;
		String contextPath = "";
		String matched = null;
		Throwable failure = traced.failure;
		HttpHeaders responseHeaders = null;
		try {
			ServerHttpResponse response = exchange.getResponse();
			HttpStatusCode statusCode = response.getStatusCode();
			status = (statusCode != null) ? statusCode.value() : 200;
			if (failure instanceof ErrorResponse errorResponse) {
				// A ResponseStatusException and the like: the answer is its status, and
				// a 4xx is the client's error, not the server's.
				status = errorResponse.getStatusCode().value();
				if (status < 500) {
					failure = null;
				}
			}
			else if (failure != null && (statusCode == null || status < 500)) {
				// The error handlers outside the filter chain answer 500 to it.
				status = 500;
			}
			Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			matched = (pattern instanceof org.springframework.web.util.pattern.PathPattern pathPattern)
					? pathPattern.getPatternString() : Objects.toString(pattern, null);
			if (failure != null) {
				span.recordException(failure);
			}
			contextPath = exchange.getRequest().getPath().contextPath().value();
			responseHeaders = response.getHeaders();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not complete the server span", ex);
		}
		if (signal == SignalType.CANCEL) {
			// No answer went out: no status, and the request is not the server's error.
			this.spanEnd.endCancelled(span, traced.context, traced.measured, traced.method, contextPath, matched);
		}
		else {
			HttpHeaders headers = (responseHeaders != null) ? responseHeaders : new HttpHeaders();
			this.spanEnd.end(span, traced.context, traced.measured, traced.method, status, contextPath, matched,
					failure != null, failure, headers::getValuesAsList, null);
		}
	}

	private static final class Traced {

		final Span span;

		final Context context;

		final String method;

		final HttpServerMetrics.Request measured;

		/**
		 * Whether the end of the exchange is recorded: on the span, or as a duration. A
		 * span that does not record, with no duration measured, only carries the context
		 * on.
		 */
		final boolean recordsEnd;

		Throwable failure;

		Traced(Span span, Context context, String method, HttpServerMetrics.Request measured) {
			this.span = span;
			this.context = context;
			this.method = method;
			this.measured = measured;
			this.recordsEnd = span.isRecording() || measured != null;
		}

		void fail(Throwable failure) {
			this.failure = failure;
		}

	}

}
