package dev.otelspring.autoconfigure.web.client;

import java.net.URI;
import java.util.List;

import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import dev.otelspring.benchmarks.InsideTrace;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The WebClient filter's cost per exchange, against an exchange function that answers at
 * once: the request made once (the filter copies it to add the trace headers), then the
 * exchange without the filter, with it outside any trace (a CLIENT span that starts a new
 * trace) and with it inside one (a child of a sampled parent made current); the spans end
 * into a processor that counts them on the calling thread. Run it with
 * {@code java -jar benchmarks/target/benchmarks.jar WebClientFilterBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
public class WebClientFilterBenchmark extends BenchmarkSettings {

	private static final URI URL = URI.create("http://inventory:8080/api/stock/42");

	private OpenTelemetrySdk sdk;

	private WebClientTracingFilter filter;

	private final ClientRequest request = ClientRequest.create(HttpMethod.GET, URL).build();

	private final ExchangeFunction next = (clientRequest) -> Mono.just(ClientResponse.create(HttpStatus.OK).build());

	@Setup(Level.Trial)
	public void setUp() {
		// Spans counted on the calling thread: no export worker competes for the cores.
		this.sdk = BenchmarkTracing.sdk(new BenchmarkTracing.CountingProcessor());
		this.filter = new WebClientTracingFilter(this.sdk, new HttpMethods(List.of("GET", "POST")),
				new UrlSanitizer(List.of("token")), CapturedHeaders.requestHeaders(List.of()),
				CapturedHeaders.responseHeaders(List.of()));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		BenchmarkTracing.close(this.sdk);
	}

	@Benchmark
	public ClientResponse bareExchange() {
		return this.next.exchange(this.request).block();
	}

	@Benchmark
	public ClientResponse tracedExchange() {
		return this.filter.filter(this.request, this.next).block();
	}

	@Benchmark
	public ClientResponse tracedExchangeInsideTrace(InsideTrace trace) {
		return this.filter.filter(this.request, this.next).block();
	}

}
