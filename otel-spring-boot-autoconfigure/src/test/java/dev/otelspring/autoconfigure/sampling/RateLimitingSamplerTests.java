package dev.otelspring.autoconfigure.sampling;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rate limiter on a clock the test controls: exact counts per one-second window,
 * evenly spread, with several threads competing at every instant.
 */
class RateLimitingSamplerTests {

	@Test
	void exactlyTheRatePerSecondUnderEightThreads() throws Exception {
		AtomicLong clock = new AtomicLong(1_000_000_000L);
		RateLimitingSampler sampler = new RateLimitingSampler(50, clock::get);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		int[] perWindow = new int[3];
		try {
			// Three seconds in 1 ms steps; at every step 8 threads try 5 times each.
			for (int step = 0; step < 3000; step++) {
				AtomicInteger accepted = new AtomicInteger();
				CountDownLatch done = new CountDownLatch(8);
				for (int t = 0; t < 8; t++) {
					threads.execute(() -> {
						for (int i = 0; i < 5; i++) {
							if (sampler.tryAcquire()) {
								accepted.incrementAndGet();
							}
						}
						done.countDown();
					});
				}
				assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(accepted.get()).as("never a burst: at most one per instant").isLessThanOrEqualTo(1);
				perWindow[step / 1000] += accepted.get();
				clock.addAndGet(1_000_000L);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(perWindow).containsExactly(50, 50, 50);
	}

	@Test
	void evenlySpacedNotBursty() {
		AtomicLong clock = new AtomicLong(0);
		RateLimitingSampler sampler = new RateLimitingSampler(10, clock::get);
		assertThat(sampler.tryAcquire()).isTrue();
		// A tenth of a second must pass before the next one, however many ask.
		clock.addAndGet(99_000_000L);
		assertThat(sampler.tryAcquire()).isFalse();
		clock.addAndGet(1_000_000L);
		assertThat(sampler.tryAcquire()).isTrue();
		assertThat(sampler.tryAcquire()).isFalse();
		// Idle time does not build up a burst.
		clock.addAndGet(10_000_000_000L);
		assertThat(sampler.tryAcquire()).isTrue();
		assertThat(sampler.tryAcquire()).isFalse();
	}

	@Test
	void decisionsAndDescription() {
		AtomicLong clock = new AtomicLong(0);
		RateLimitingSampler sampler = new RateLimitingSampler(1, clock::get);
		assertThat(decision(sampler)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decision(sampler)).isEqualTo(SamplingDecision.DROP);
		assertThat(sampler.getDescription()).isEqualTo("RateLimitingSampler{1.0/s}");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitingSampler(0));
	}

	@Test
	void theBudgetCountsTracesAndASampledTraceStaysWhole() {
		AtomicLong clock = new AtomicLong(0);
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.setSampler(new RateLimitingSampler(1, clock::get))
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Tracer tracer = provider.get("test");
			Span root = tracer.spanBuilder("root").startSpan();
			Span child = tracer.spanBuilder("child").setParent(Context.current().with(root)).startSpan();
			assertThat(root.getSpanContext().isSampled()).isTrue();
			assertThat(child.getSpanContext().isSampled()).isTrue();
			Span secondRoot = tracer.spanBuilder("second-root").startSpan();
			Span secondChild = tracer.spanBuilder("second-child")
				.setParent(Context.current().with(secondRoot))
				.startSpan();
			assertThat(secondRoot.getSpanContext().isSampled()).isFalse();
			assertThat(secondChild.getSpanContext().isSampled()).isFalse();
			// A caller's span is not this process's trace: the request's span costs
			// budget.
			clock.addAndGet(1_000_000_000L);
			SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
					"b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
			Span server = tracer.spanBuilder("server").setParent(Context.root().with(Span.wrap(remote))).startSpan();
			Span another = tracer.spanBuilder("server").setParent(Context.root().with(Span.wrap(remote))).startSpan();
			assertThat(server.getSpanContext().isSampled()).isTrue();
			assertThat(another.getSpanContext().isSampled()).isFalse();
		}
	}

	private static SamplingDecision decision(RateLimitingSampler sampler) {
		return sampler
			.shouldSample(Context.root(), "0af7651916cd43dd8448eb211c80319c", "x", SpanKind.SERVER, Attributes.empty(),
					java.util.List.of())
			.getDecision();
	}

}
