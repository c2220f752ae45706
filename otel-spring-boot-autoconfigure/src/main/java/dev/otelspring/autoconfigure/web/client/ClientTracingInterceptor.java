package dev.otelspring.autoconfigure.web.client;

import java.io.IOException;

import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.ClientCall;
import dev.otelspring.autoconfigure.web.internal.ClientSpans;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpRequestInterceptor} for {@code RestTemplate} and {@code RestClient}
 * that makes a CLIENT span of every call and injects the context into the outgoing
 * headers.
 *
 * <p>
 * 4xx and 5xx answers and I/O failures mark the span as an error; an exception is
 * recorded and rethrown unchanged. Tracing never breaks the call: a failure in this
 * interceptor's own work is logged at DEBUG and the call proceeds. Thread-safe; one
 * instance serves every client.
 */
public final class ClientTracingInterceptor implements ClientHttpRequestInterceptor {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.web.client";

	private static final Log logger = LogFactory.getLog(ClientTracingInterceptor.class);

	private static final TextMapSetter<HttpHeaders> SETTER = (headers, key, value) -> {
		if (headers != null) {
			headers.set(key, value);
		}
	};

	private final ClientSpans spans;

	private final TextMapPropagator propagator;

	ClientTracingInterceptor(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			CapturedHeaders requestHeaders, CapturedHeaders responseHeaders) {
		this(openTelemetry, methods, sanitizer, requestHeaders, responseHeaders, true);
	}

	ClientTracingInterceptor(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			CapturedHeaders requestHeaders, CapturedHeaders responseHeaders, boolean metrics) {
		this.spans = new ClientSpans(openTelemetry, INSTRUMENTATION_NAME, methods, sanitizer, requestHeaders,
				responseHeaders, metrics);
		this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientCall call = this.spans.start(request.getMethod().name(), request.getURI(), null,
				request.getHeaders()::getValuesAsList);
		if (call == null) {
			return execution.execute(request, body);
		}
		Scope scope = Guarded.makeCurrent(Context.current().with(call.span()), logger);
		ClientHttpResponse response;
		try {
			inject(request);
			response = execution.execute(request, body);
		}
		catch (Throwable ex) {
			Guarded.close(scope, logger);
			this.spans.onFailure(call, ex);
			this.spans.end(call);
			throw ex;
		}
		Guarded.close(scope, logger);
		onResponse(call, response);
		this.spans.end(call);
		return response;
	}

	private void inject(HttpRequest request) {
		try {
			this.propagator.inject(Context.current(), request.getHeaders(), SETTER);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not inject the trace context", ex);
		}
	}

	private void onResponse(ClientCall call, ClientHttpResponse response) {
		try {
			this.spans.onResponse(call, response.getStatusCode().value(), response.getHeaders()::getValuesAsList);
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			logger.debug("Could not read the response", ex);
		}
	}

}
