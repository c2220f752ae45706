package dev.otelspring.autoconfigure.web.client;

import java.io.IOException;
import java.net.URI;

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
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
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

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final HttpMethods methods;

	private final UrlSanitizer sanitizer;

	private final CapturedHeaders requestHeaders;

	private final CapturedHeaders responseHeaders;

	ClientTracingInterceptor(OpenTelemetry openTelemetry, HttpMethods methods, UrlSanitizer sanitizer,
			CapturedHeaders requestHeaders, CapturedHeaders responseHeaders) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
		this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
		this.methods = methods;
		this.sanitizer = sanitizer;
		this.requestHeaders = requestHeaders;
		this.responseHeaders = responseHeaders;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Span span = start(request);
		if (span == null) {
			return execution.execute(request, body);
		}
		Scope scope = Guarded.makeCurrent(Context.current().with(span), logger);
		ClientHttpResponse response;
		try {
			inject(request);
			response = execution.execute(request, body);
		}
		catch (Throwable ex) {
			Guarded.close(scope, logger);
			onFailure(span, ex);
			Guarded.end(span, logger);
			throw ex;
		}
		Guarded.close(scope, logger);
		onResponse(span, response);
		Guarded.end(span, logger);
		return response;
	}

	private Span start(HttpRequest request) {
		try {
			URI uri = request.getURI();
			SpanBuilder builder = this.methods.spanBuilder(this.tracer, request.getMethod().name(), SpanKind.CLIENT)
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
				this.requestHeaders.record(span, request.getHeaders()::getValuesAsList);
			}
			return span;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a client span; the call proceeds untraced", ex);
			return null;
		}
	}

	private void inject(HttpRequest request) {
		try {
			this.propagator.inject(Context.current(), request.getHeaders(), SETTER);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not inject the trace context", ex);
		}
	}

	private void onResponse(Span span, ClientHttpResponse response) {
		try {
			int status = response.getStatusCode().value();
			span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, HttpStatusCodes.valueOf(status));
			if (status >= 400) {
				span.setStatus(StatusCode.ERROR);
				span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
			}
			if (!this.responseHeaders.isEmpty()) {
				this.responseHeaders.record(span, response.getHeaders()::getValuesAsList);
			}
		}
		catch (IOException | RuntimeException | LinkageError ex) {
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

}
