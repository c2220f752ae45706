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
import org.openjdk.jmh.annotations.Param;
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

	private Tracer directTracer;

	@Setup
	public void setUp() {
		this.direct = BenchmarkTracing.sdk();
		this.directTracer = this.direct.getTracer("bench");
	}

	@TearDown
	public void tearDown() {
		BenchmarkTracing.close(this.direct);
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
	public void traceThroughTailSampling(TailSampling tail) {
		threeSpans(tail.tracer);
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

	/**
	 * The tail-sampling processor with no decision wait (traces decided as they end) and
	 * with one (traces held until quiet, so that under a flood the held traces reach
	 * {@code max-traces} and eviction decides them).
	 */
	@State(Scope.Benchmark)
	public static class TailSampling {

		@Param({ "0", "100" })
		public long decisionWaitMillis;

		OpenTelemetrySdk sdk;

		Tracer tracer;

		@Setup
		public void setUp() {
			TailSamplingSpanProcessor processor = new TailSamplingSpanProcessor(BenchmarkTracing.batchProcessor(),
					new TailSamplingPolicy(true, Duration.ofSeconds(1), Map.of(), () -> false),
					Duration.ofMillis(this.decisionWaitMillis), Duration.ofSeconds(30), 10_000, 100_000,
					64L * 1024 * 1024, true, System::nanoTime, true);
			this.sdk = BenchmarkTracing.sdk(processor);
			this.tracer = this.sdk.getTracer("bench");
		}

		@TearDown
		public void tearDown() {
			BenchmarkTracing.close(this.sdk);
		}

	}

}
