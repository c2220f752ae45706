package dev.otelspring.autoconfigure.web.client;

import dev.otelspring.autoconfigure.context.ReactorContextPropagation;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.ClientCall;
import dev.otelspring.autoconfigure.web.internal.ClientSpans;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
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

	private final ClientSpans spans;

	private final TextMapPropagator propagator;

	WebClientTracingFilter(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			CapturedHeaders requestHeaders, CapturedHeaders responseHeaders) {
		this(openTelemetry, methods, sanitizer, requestHeaders, responseHeaders, true);
	}

	WebClientTracingFilter(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			CapturedHeaders requestHeaders, CapturedHeaders responseHeaders, boolean metrics) {
		this.spans = new ClientSpans(openTelemetry, INSTRUMENTATION_NAME, methods, sanitizer, requestHeaders,
				responseHeaders, metrics);
		this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((view) -> {
			Object fromReactor = view.getOrDefault(ReactorContextPropagation.KEY, null);
			Context parent = (fromReactor instanceof Context context) ? context : Context.current();
			ClientCall call = this.spans.start(request.method().name(), request.url(), parent,
					request.headers()::getValuesAsList);
			if (call == null) {
				return next.exchange(request);
			}
			ClientRequest traced = inject(request, parent.with(call.span()));
			return next.exchange(traced)
				.doOnNext((response) -> onResponse(call, response))
				.doOnError((failure) -> this.spans.onFailure(call, failure))
				.doOnCancel(() -> this.spans.onCancel(call))
				.doFinally((signal) -> this.spans.end(call));
		});
	}

	private void onResponse(ClientCall call, ClientResponse response) {
		try {
			this.spans.onResponse(call, response.statusCode().value(),
					response.headers().asHttpHeaders()::getValuesAsList);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not read the response", ex);
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

}
