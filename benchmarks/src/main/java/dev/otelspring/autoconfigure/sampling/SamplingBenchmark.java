package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.config.PathPattern;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The samplers' decision cost, and a three-span trace through the tail-sampling processor
 * against the same trace going straight to the batch processor.
 */
@State(Scope.Benchmark)
public class SamplingBenchmark extends BenchmarkSettings {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final Attributes ATTRIBUTES = Attributes.of(AttributeKey.stringKey("url.path"), "/api/orders/42",
			AttributeKey.stringKey("http.request.method"), "GET");

	private final Sampler parentBased = Sampler.parentBased(Sampler.alwaysOn());

	private final Sampler rateLimiting = new RateLimitingSampler(1_000_000);

	private final Sampler rules = new RuleBasedSampler(
			List.of(new SamplingRule(false, SpanKind.SERVER, null, pattern("/actuator/**"), null),
					new SamplingRule(true, null, null, null, pattern("/api/payments/**")),
					new SamplingRule(false, SpanKind.INTERNAL, pattern("health-*"), null, null)),
			this.parentBased);

	private OpenTelemetrySdk direct;

	private OpenTelemetrySdk tail;

	private Tracer directTracer;

	private Tracer tailTracer;

	@Setup
	public void setUp() {
		this.direct = BenchmarkTracing.sdk();
		TailSamplingSpanProcessor processor = new TailSamplingSpanProcessor(BenchmarkTracing.batchProcessor(),
				new TailSamplingPolicy(true, Duration.ofSeconds(1), Map.of(), () -> false), Duration.ofMillis(100),
				Duration.ofSeconds(30), 10_000, 100_000, 64L * 1024 * 1024, true, System::nanoTime, true);
		this.tail = BenchmarkTracing.sdk(processor);
		this.directTracer = this.direct.getTracer("bench");
		this.tailTracer = this.tail.getTracer("bench");
	}

	@TearDown
	public void tearDown() {
		BenchmarkTracing.close(this.direct);
		BenchmarkTracing.close(this.tail);
	}

	@Benchmark
	public Object parentBasedAlwaysOn() {
		return this.parentBased.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER, ATTRIBUTES, List.of());
	}

	@Benchmark
	public Object rateLimiting() {
		return this.rateLimiting.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER, ATTRIBUTES, List.of());
	}

	@Benchmark
	public Object ruleBased() {
		return this.rules.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER, ATTRIBUTES, List.of());
	}

	@Benchmark
	public void traceThroughBatchProcessor() {
		threeSpans(this.directTracer);
	}

	@Benchmark
	public void traceThroughTailSampling() {
		threeSpans(this.tailTracer);
	}

	private static void threeSpans(Tracer tracer) {
		Span root = tracer.spanBuilder("root").setSpanKind(SpanKind.SERVER).startSpan();
		Context context = Context.root().with(root);
		tracer.spanBuilder("a").setParent(context).startSpan().end();
		tracer.spanBuilder("b").setParent(context).startSpan().end();
		root.end();
	}

	private static PathPattern pattern(String pattern) {
		return PathPattern.compile("rules", pattern);
	}

}
