package dev.otelspring.autoconfigure.web.reactive;

import java.util.List;

import dev.otelspring.autoconfigure.config.PathPattern;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The WebFlux filter's cost per request, against the bare chain: a fresh exchange double
 * for every call, through a chain that does what WebFlux's routing leaves behind (the
 * best-matching pattern, so the span gets its route and name) and completes at once;
 * without the filter, with it and no {@code traceparent} header (a new trace), and with
 * it and a valid one (the trace continues). Every call builds the same kind of exchange,
 * so the difference is the filter and the SDK: extraction, the span, the Reactor
 * operators the filter adds and the span's end, into a processor that counts it on the
 * calling thread. Reactor's automatic context propagation, which the auto-configuration
 * also turns on, is left off: a cost of every pipeline, not of this filter. Run it with
 * {@code java -jar benchmarks/target/benchmarks.jar ServerWebFilterBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
public class ServerWebFilterBenchmark extends BenchmarkSettings {

	private static final String URL = "http://localhost:8080/api/orders/42";

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static final org.springframework.web.util.pattern.PathPattern ROUTE = PathPatternParser.defaultInstance
		.parse("/api/orders/{id}");

	private OpenTelemetrySdk sdk;

	private ServerTracingWebFilter filter;

	private final WebFilterChain chain = (exchange) -> {
		exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
		return Mono.empty();
	};

	@Setup(Level.Trial)
	public void setUp() {
		// Spans counted on the calling thread: no export worker competes for the cores.
		this.sdk = BenchmarkTracing.sdk(new BenchmarkTracing.CountingProcessor());
		this.filter = new ServerTracingWebFilter(this.sdk, new HttpMethods(List.of("GET", "POST")),
				new UrlSanitizer(List.of("token")),
				PathPattern.compileAll("skip-paths", List.of("/actuator/health", "/actuator/health/**", "*.css")),
				CapturedHeaders.requestHeaders(List.of()), CapturedHeaders.responseHeaders(List.of()), false);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		BenchmarkTracing.close(this.sdk);
	}

	private static MockServerHttpRequest.BaseBuilder<?> request() {
		return MockServerHttpRequest.get(URL).header(HttpHeaders.USER_AGENT, "wrk");
	}

	private static MockServerWebExchange newTrace() {
		return MockServerWebExchange.from(request());
	}

	private static MockServerWebExchange continuedTrace() {
		return MockServerWebExchange.from(request().header("traceparent", TRACEPARENT));
	}

	@Benchmark
	public Object bareChain() {
		MockServerWebExchange exchange = continuedTrace();
		this.chain.filter(exchange).block();
		return exchange;
	}

	@Benchmark
	public Object tracedNewTrace() {
		MockServerWebExchange exchange = newTrace();
		this.filter.filter(exchange, this.chain).block();
		return exchange;
	}

	@Benchmark
	public Object tracedContinuedTrace() {
		MockServerWebExchange exchange = continuedTrace();
		this.filter.filter(exchange, this.chain).block();
		return exchange;
	}

}
