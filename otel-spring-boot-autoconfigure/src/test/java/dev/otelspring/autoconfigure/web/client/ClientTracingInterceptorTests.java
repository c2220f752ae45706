package dev.otelspring.autoconfigure.web.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import dev.otelspring.test.ThrowingOnEnd;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A span processor bean that throws, which the SDK lets through {@code span.end()}, costs
 * the span and never the call: the response is returned to the caller (so a pooled client
 * gets its connection back) and a failing call's own exception is what the caller sees.
 */
class ClientTracingInterceptorTests {

	private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
		.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(new ThrowingOnEnd()).build())
		.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
		.build();

	private final ClientTracingInterceptor interceptor = new ClientTracingInterceptor(this.sdk,
			new HttpMethods(List.of("GET")), new UrlSanitizer(List.of()), CapturedHeaders.requestHeaders(List.of()),
			CapturedHeaders.responseHeaders(List.of()));

	@AfterEach
	void close() {
		this.sdk.close();
	}

	@Test
	void aProcessorThatThrowsOnEndStillReturnsTheResponse() throws IOException {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://localhost:1/x"));
		ClientHttpResponse response = new MockClientHttpResponse(new byte[0], HttpStatus.OK);
		assertThat(this.interceptor.intercept(request, new byte[0], (sent, body) -> response)).isSameAs(response);
		assertThat(request.getHeaders().getFirst("traceparent")).startsWith("00-");
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void aProcessorThatThrowsOnEndLeavesTheCallsOwnFailureVisible() {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://localhost:1/x"));
		IOException refused = new IOException("connection refused");
		Throwable thrown = catchThrowable(() -> this.interceptor.intercept(request, new byte[0], (sent, body) -> {
			throw refused;
		}));
		assertThat(thrown).isSameAs(refused);
		assertThat(Context.current()).isSameAs(Context.root());
	}

}
