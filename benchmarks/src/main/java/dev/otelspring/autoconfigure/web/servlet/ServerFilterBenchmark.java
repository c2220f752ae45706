package dev.otelspring.autoconfigure.web.servlet;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.config.PathPattern;
import dev.otelspring.autoconfigure.sampling.StarterSamplers;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The servlet filter's cost per request: a request through a chain that does what Spring
 * MVC's routing leaves behind (the best-matching pattern), with and without the filter.
 * Both build the same request and response doubles, so the difference is the filter. The
 * unsampled variant is the path most requests take at a low sampling rate.
 */
@State(Scope.Benchmark)
public class ServerFilterBenchmark extends BenchmarkSettings {

	private OpenTelemetrySdk sdk;

	private ServerTracingFilter filter;

	private OpenTelemetrySdk sdkWithSdksSampler;

	private ServerTracingFilter filterWithSdksSampler;

	private OpenTelemetrySdk sdkWithMetrics;

	private ServerTracingFilter filterWithMetrics;

	private OpenTelemetrySdk sdkAtRatio;

	private ServerTracingFilter filterAtRatio;

	private OpenTelemetrySdk sdkWithSdksRatio;

	private ServerTracingFilter filterWithSdksRatio;

	private final FilterChain chain = (request, response) -> request
		.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/orders/{id}");

	@Setup
	public void setUp() {
		this.sdk = BenchmarkTracing.sdk();
		this.filter = filter(this.sdk);
		this.sdkWithSdksSampler = BenchmarkTracing.sdk(BenchmarkTracing.batchProcessor(),
				Sampler.parentBased(Sampler.alwaysOn()));
		this.filterWithSdksSampler = filter(this.sdkWithSdksSampler);
		this.sdkWithMetrics = BenchmarkTracing.sdkWithMetrics();
		this.filterWithMetrics = new ServerTracingFilter(this.sdkWithMetrics, new HttpMethods(List.of("GET", "POST")),
				new UrlSanitizer(List.of("token")),
				PathPattern.compileAll("skip-paths", List.of("/actuator/health", "/actuator/health/**", "*.css")),
				CapturedHeaders.requestHeaders(List.of()), CapturedHeaders.responseHeaders(List.of()), false, true);
		this.sdkAtRatio = BenchmarkTracing.sdk(BenchmarkTracing.batchProcessor(), StarterSamplers
			.of(Map.of("otel.traces.sampler", "parentbased_traceidratio", "otel.traces.sampler.arg", "0.001")));
		this.filterAtRatio = filter(this.sdkAtRatio);
		this.sdkWithSdksRatio = BenchmarkTracing.sdk(BenchmarkTracing.batchProcessor(),
				Sampler.parentBased(Sampler.traceIdRatioBased(0.001)));
		this.filterWithSdksRatio = filter(this.sdkWithSdksRatio);
	}

	private static ServerTracingFilter filter(OpenTelemetrySdk sdk) {
		return new ServerTracingFilter(sdk, new HttpMethods(List.of("GET", "POST")), new UrlSanitizer(List.of("token")),
				PathPattern.compileAll("skip-paths", List.of("/actuator/health", "/actuator/health/**", "*.css")),
				CapturedHeaders.requestHeaders(List.of()), CapturedHeaders.responseHeaders(List.of()), false);
	}

	@TearDown
	public void tearDown() {
		BenchmarkTracing.close(this.sdk);
		BenchmarkTracing.close(this.sdkWithSdksSampler);
		BenchmarkTracing.close(this.sdkWithMetrics);
		BenchmarkTracing.close(this.sdkAtRatio);
		BenchmarkTracing.close(this.sdkWithSdksRatio);
	}

	private static MockHttpServletRequest request() {
		return request("01");
	}

	// A request continuing a caller's trace, sampled ("01") or not ("00").
	private static MockHttpServletRequest request(String flags) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/42");
		request.addHeader("User-Agent", "wrk");
		request.addHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-" + flags);
		return request;
	}

	@Benchmark
	public Object withoutTracing() throws IOException, ServletException {
		MockHttpServletRequest request = request();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.chain.doFilter(request, response);
		return response;
	}

	@Benchmark
	public Object withTracingFilter() throws IOException, ServletException {
		MockHttpServletRequest request = request();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, this.chain);
		return response;
	}

	/**
	 * The unsampled path: the caller did not sample, so the starter's parent-based
	 * sampler makes a non-recording span that only carries the context, started without
	 * attributes.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public Object withTracingFilterUnsampled() throws IOException, ServletException {
		MockHttpServletRequest request = request("00");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, this.chain);
		return response;
	}

	/**
	 * The unsampled path under a sampler the filter knows nothing of (the SDK's own
	 * parent-based sampler, as an application's {@code Sampler} bean would be): the
	 * span's attributes are built before the sampler drops it.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public Object withTracingFilterUnsampledAttributesBuilt() throws IOException, ServletException {
		MockHttpServletRequest request = request("00");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filterWithSdksSampler.doFilter(request, response, this.chain);
		return response;
	}

	/**
	 * The sampled path with the HTTP server metrics recorded as well.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public Object withTracingFilterAndMetrics() throws IOException, ServletException {
		MockHttpServletRequest request = request();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filterWithMetrics.doFilter(request, response, this.chain);
		return response;
	}

	/**
	 * The unsampled path with the HTTP server metrics: the one path that reads the clock
	 * itself.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public Object withTracingFilterUnsampledAndMetrics() throws IOException, ServletException {
		MockHttpServletRequest request = request("00");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filterWithMetrics.doFilter(request, response, this.chain);
		return response;
	}

	/**
	 * A request that starts its trace, under the starter's
	 * {@code parentbased_traceidratio} at 0.001: the span starts without attributes and
	 * nearly always stays without them, since it is dropped.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public Object withTracingFilterRootAtRatio() throws IOException, ServletException {
		MockHttpServletRequest request = rootRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filterAtRatio.doFilter(request, response, this.chain);
		return response;
	}

	/**
	 * The same under the SDK's own sampler at the same ratio, of which the filter knows
	 * nothing: the attributes are built before the sampler drops the span.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public Object withTracingFilterRootAtRatioAttributesBuilt() throws IOException, ServletException {
		MockHttpServletRequest request = rootRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filterWithSdksRatio.doFilter(request, response, this.chain);
		return response;
	}

	// A request without trace headers: its span starts a trace.
	private static MockHttpServletRequest rootRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/42");
		request.addHeader("User-Agent", "wrk");
		return request;
	}

}
