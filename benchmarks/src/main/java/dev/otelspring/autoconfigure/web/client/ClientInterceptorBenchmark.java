package dev.otelspring.autoconfigure.web.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

/**
 * The RestTemplate/RestClient interceptor's cost per call, against an execution that
 * answers at once.
 */
@State(Scope.Benchmark)
public class ClientInterceptorBenchmark extends BenchmarkSettings {

	private static final URI URL = URI.create("http://payments.internal:8080/gateway/charges?ref=42");

	private static final byte[] BODY = new byte[0];

	private OpenTelemetrySdk sdk;

	private ClientTracingInterceptor interceptor;

	// The server span of a request that was not sampled, current while the call is made.
	private static final Context UNSAMPLED = Context.root()
		.with(Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getDefault(), TraceState.getDefault())));

	private final ClientHttpRequestExecution execution = (request, body) -> new MockClientHttpResponse(BODY,
			HttpStatus.OK);

	@Setup
	public void setUp() {
		this.sdk = BenchmarkTracing.sdk();
		this.interceptor = new ClientTracingInterceptor(this.sdk, new HttpMethods(List.of("GET", "POST")),
				new UrlSanitizer(List.of("token")), CapturedHeaders.requestHeaders(List.of()),
				CapturedHeaders.responseHeaders(List.of()));
	}

	@TearDown
	public void tearDown() {
		BenchmarkTracing.close(this.sdk);
	}

	@Benchmark
	public Object withoutTracing() throws IOException {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST, URL);
		return this.execution.execute(request, BODY);
	}

	@Benchmark
	public Object withTracingInterceptor() throws IOException {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST, URL);
		return this.interceptor.intercept(request, BODY, this.execution);
	}

	/**
	 * A call made while an unsampled request is served: the starter's sampler follows the
	 * parent, so the span starts without attributes.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public Object withTracingInterceptorUnsampled() throws IOException {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST, URL);
		try (io.opentelemetry.context.Scope scope = UNSAMPLED.makeCurrent()) {
			return this.interceptor.intercept(request, BODY, this.execution);
		}
	}

}
