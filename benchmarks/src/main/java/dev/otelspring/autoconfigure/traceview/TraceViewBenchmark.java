package dev.otelspring.autoconfigure.traceview;

import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the trace view adds to a span on the thread that ends it: the same SERVER span
 * (name, five attributes, end) into a processor that counts, with and without the trace
 * view's processor beside it. The store holds its default bounds (100 traces, 16 MB);
 * every span is a trace of its own, so the store is full and drops a trace per span, as
 * under load.
 */
@State(Scope.Benchmark)
public class TraceViewBenchmark extends BenchmarkSettings {

	private OpenTelemetrySdk plain;

	private OpenTelemetrySdk viewed;

	private Tracer plainTracer;

	private Tracer viewedTracer;

	@Setup
	public void setUp() {
		this.plain = BenchmarkTracing.sdk(new BenchmarkTracing.CountingProcessor());
		this.viewed = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.addSpanProcessor(new BenchmarkTracing.CountingProcessor())
				.addSpanProcessor(new TraceViewSpanProcessor(new TraceStore(100, 16L * 1024 * 1024)))
				.build())
			.setPropagators(ContextPropagators.noop())
			.build();
		this.plainTracer = this.plain.getTracer("benchmark");
		this.viewedTracer = this.viewed.getTracer("benchmark");
	}

	@TearDown
	public void tearDown() {
		BenchmarkTracing.close(this.plain);
		BenchmarkTracing.close(this.viewed);
	}

	@Benchmark
	public Span spanWithoutTheView() {
		return span(this.plainTracer);
	}

	@Benchmark
	public Span spanWithTheView() {
		return span(this.viewedTracer);
	}

	private static Span span(Tracer tracer) {
		Span span = tracer.spanBuilder("GET /api/orders/{id}")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute("http.request.method", "GET")
			.setAttribute("url.path", "/api/orders/42")
			.setAttribute("url.scheme", "http")
			.setAttribute("http.route", "/api/orders/{id}")
			.setAttribute("http.response.status_code", 200L)
			.startSpan();
		span.end();
		return span;
	}

}
