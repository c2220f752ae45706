package dev.otelspring.autoconfigure.web.client;

import java.net.URI;

import dev.otelspring.autoconfigure.context.ReactorContextPropagation;
import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.HttpStatusCodes;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * An {@link ExchangeFilterFunction} for {@code WebClient} that makes a CLIENT span of
 * every exchange, with the same attributes as the {@code RestTemplate} and
 * {@code RestClient} spans, and sends the context in the configured propagators' headers.
 *
 * <p>
 * The parent is the OpenTelemetry context of the subscriber context (where the WebFlux
 * filter puts it) or, failing that, the one current when the exchange is subscribed to.
 * Each subscription is an exchange of its own, so each retry is a span of its own. 4xx
 * and 5xx answers and failures mark the span as an error; a cancelled exchange ends its
 * span with {@code error.type=cancelled}. Tracing never breaks the call. Thread-safe.
 */
final class WebClientTracingFilter implements ExchangeFilterFunction {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.web.client";

	private static final Log logger = LogFactory.getLog(WebClientTracingFilter.class);

	private static final TextMapSetter<HttpHeaders> SETTER = (headers, key, value) -> {
		if (headers != null) {
			headers.set(key, value);
		}
	};

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final HttpMethods methods;

	private final UrlSanitizer sanitizer;

	private final CapturedHeaders requestHeaders;

	private final CapturedHeaders responseHeaders;

	WebClientTracingFilter(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			CapturedHeaders requestHeaders, CapturedHeaders responseHeaders) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
		this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
		this.methods = methods;
		this.sanitizer = sanitizer;
		this.requestHeaders = requestHeaders;
		this.responseHeaders = responseHeaders;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((view) -> {
			Object fromReactor = view.getOrDefault(ReactorContextPropagation.KEY, null);
			Context parent = (fromReactor instanceof Context context) ? context : Context.current();
			Span span = start(request, parent);
			if (span == null) {
				return next.exchange(request);
			}
			ClientRequest traced = inject(request, parent.with(span));
			return next.exchange(traced)
				.doOnNext((response) -> onResponse(span, response))
				.doOnError((failure) -> onFailure(span, failure))
				.doOnCancel(() -> onCancel(span))
				.doFinally((signal) -> Guarded.end(span, logger));
		});
	}

	private Span start(ClientRequest request, Context parent) {
		try {
			URI uri = request.url();
			SpanBuilder builder = this.methods.spanBuilder(this.tracer, request.method().name(), SpanKind.CLIENT)
				.setParent(parent)
				.setAttribute(UrlAttributes.URL_FULL, this.sanitizer.sanitizeUrl(uri));
			String host = UrlSanitizer.host(uri);
			if (host != null) {
				builder.setAttribute(ServerAttributes.SERVER_ADDRESS, host);
			}
			long port = UrlSanitizer.port(uri);
			if (port > 0) {
				builder.setAttribute(ServerAttributes.SERVER_PORT, port);
			}
			Span span = builder.startSpan();
			if (!this.requestHeaders.isEmpty()) {
				this.requestHeaders.record(span, request.headers()::getValuesAsList);
			}
			return span;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a client span; the call proceeds untraced", ex);
			return null;
		}
	}

	private ClientRequest inject(ClientRequest request, Context context) {
		try {
			return ClientRequest.from(request)
				.headers((headers) -> this.propagator.inject(context, headers, SETTER))
				.build();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not inject the trace context", ex);
			return request;
		}
	}

	private void onResponse(Span span, ClientResponse response) {
		try {
			int status = response.statusCode().value();
			span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, HttpStatusCodes.valueOf(status));
			if (status >= 400) {
				span.setStatus(StatusCode.ERROR);
				span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
			}
			if (!this.responseHeaders.isEmpty()) {
				this.responseHeaders.record(span, response.headers().asHttpHeaders()::getValuesAsList);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the response on the client span", ex);
		}
	}

	private static void onFailure(Span span, Throwable failure) {
		try {
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the failure on the client span", ex);
		}
	}

	private static void onCancel(Span span) {
		try {
			span.setAttribute(ErrorAttributes.ERROR_TYPE, "cancelled");
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not mark the client span cancelled", ex);
		}
	}

}
