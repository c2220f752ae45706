package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import dev.otelspring.autoconfigure.internal.SpanSizeEstimate;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tail sampling on a decision clock the test controls: whole traces kept or dropped,
 * errors and slow traces always kept, late children, eviction under a flood, and nothing
 * forwarded twice.
 */
class TailSamplingSpanProcessorTests {

	private static final Duration WAIT = Duration.ofMillis(500);

	private final AtomicLong clock = new AtomicLong();

	private final InMemorySpanExporter forwarded = InMemorySpanExporter.create();

	private SdkTracerProvider provider;

	private TailSamplingSpanProcessor processor;

	private Tracer tracer;

	private void start(BooleanSupplier baseline, Duration slow, Map<String, String> keep, int maxTraces, int maxSpans) {
		start(baseline, slow, keep, maxTraces, maxSpans, Long.MAX_VALUE);
	}

	private void start(BooleanSupplier baseline, Duration slow, Map<String, String> keep, int maxTraces, int maxSpans,
			long maxBytes) {
		start(baseline, slow, keep, maxTraces, maxSpans, maxBytes, WAIT);
	}

	private void start(BooleanSupplier baseline, Duration slow, Map<String, String> keep, int maxTraces, int maxSpans,
			long maxBytes, Duration wait) {
		if (this.provider != null) {
			this.provider.shutdown();
		}
		SpanProcessor downstream = SimpleSpanProcessor.create(this.forwarded);
		this.processor = new TailSamplingSpanProcessor(downstream, new TailSamplingPolicy(true, slow, keep, baseline),
				wait, Duration.ofSeconds(30), maxTraces, maxSpans, maxBytes, slow != null, this.clock::get, false);
		this.provider = SdkTracerProvider.builder().addSpanProcessor(this.processor).build();
		this.tracer = this.provider.get("test");
	}

	@AfterEach
	void close() {
		this.provider.shutdown();
	}

	@Test
	void everyErrorTraceIsKeptAtAZeroBaselineAndHealthyOnesAreDropped() {
		start(() -> false, null, Map.of(), 100, 1000);
		String healthy = trace(false, 3);
		String failing = trace(true, 3);
		advance(WAIT);
		this.processor.decideDue();
		assertThat(traceIds()).containsOnly(failing).doesNotContain(healthy);
		assertThat(forwarded()).hasSize(4);
		assertThat(this.processor.getKeptTraces()).isEqualTo(1);
		assertThat(this.processor.getDroppedTraces()).isEqualTo(1);
	}

	@Test
	void nothingIsDecidedBeforeTheTraceHasBeenQuietForTheWait() {
		start(() -> true, null, Map.of(), 100, 1000);
		trace(false, 2);
		advance(WAIT.minusMillis(1));
		this.processor.decideDue();
		assertThat(forwarded()).isEmpty();
		advance(Duration.ofMillis(1));
		this.processor.decideDue();
		assertThat(forwarded()).hasSize(3);
	}

	@Test
	void withoutAWaitATraceIsDecidedAsItsLastSpanEnds() {
		start(() -> false, null, Map.of(), 100, 1000, Long.MAX_VALUE, Duration.ZERO);
		String healthy = trace(false, 2);
		String failing = trace(true, 2);
		assertThat(traceIds()).containsOnly(failing).doesNotContain(healthy);
		assertThat(forwarded()).hasSize(3);
		assertThat(this.processor.getHeldSpans()).isZero();
		assertThat(this.processor.getHeldBytes()).isZero();
		assertThat(this.processor.getDroppedTraces()).isEqualTo(1);
	}

	@Test
	void withoutAWaitAChildOpenWhenTheRootEndsHoldsTheTraceUntilItEnds() {
		start(() -> false, null, Map.of(), 100, 1000, Long.MAX_VALUE, Duration.ZERO);
		Span root = this.tracer.spanBuilder("root").startSpan();
		Span child;
		try (Scope scope = root.makeCurrent()) {
			child = this.tracer.spanBuilder("child").startSpan();
		}
		root.end();
		assertThat(forwarded()).isEmpty();
		assertThat(this.processor.getHeldSpans()).isEqualTo(1);
		child.setStatus(StatusCode.ERROR);
		child.end();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactlyInAnyOrder("root", "child");
		assertThat(this.processor.getHeldSpans()).isZero();
		assertThat(this.processor.getHeldBytes()).isZero();
	}

	@Test
	void withoutAWaitSpansStartedAfterTheDecisionFollowIt() {
		start(() -> false, null, Map.of(), 100, 1000, Long.MAX_VALUE, Duration.ZERO);
		Span kept = this.tracer.spanBuilder("kept").startSpan();
		kept.setStatus(StatusCode.ERROR);
		kept.end();
		Span dropped = this.tracer.spanBuilder("dropped").startSpan();
		dropped.end();
		this.tracer.spanBuilder("after-kept").setParent(Context.root().with(kept)).startSpan().end();
		Span afterDropped = this.tracer.spanBuilder("after-dropped")
			.setParent(Context.root().with(dropped))
			.startSpan();
		afterDropped.setStatus(StatusCode.ERROR);
		afterDropped.end();
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactlyInAnyOrder("kept", "after-kept");
		assertThat(this.processor.getKeptTraces()).isEqualTo(1);
		assertThat(this.processor.getDroppedTraces()).isEqualTo(1);
		assertThat(this.processor.getHeldSpans()).isZero();
	}

	@Test
	void withoutAWaitTracesWhoseSpansHaveNotEndedAreBoundedToo() {
		start(() -> true, null, Map.of(), 2, 1000, Long.MAX_VALUE, Duration.ZERO);
		Span first = this.tracer.spanBuilder("first").startSpan();
		this.tracer.spanBuilder("second").startSpan();
		this.tracer.spanBuilder("third").startSpan();
		assertThat(this.processor.getEvictedTraces()).isEqualTo(1);
		// The evicted trace was decided with nothing ended: its span follows that
		// decision.
		first.end();
		assertThat(forwarded()).isEmpty();
		trace(false, 0);
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("root");
		assertThat(this.processor.getEvictedTraces()).isEqualTo(2);
		assertThat(this.processor.getHeldSpans()).isZero();
	}

	@Test
	void slowTracesAreKept() {
		start(() -> false, Duration.ofMillis(200), Map.of(), 100, 1000);
		Span slow = this.tracer.spanBuilder("slow").setStartTimestamp(1_000, TimeUnit.MILLISECONDS).startSpan();
		slow.end(1_300, TimeUnit.MILLISECONDS);
		Span fast = this.tracer.spanBuilder("fast").setStartTimestamp(1_000, TimeUnit.MILLISECONDS).startSpan();
		fast.end(1_100, TimeUnit.MILLISECONDS);
		advance(WAIT);
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("slow");
	}

	@Test
	void attributeRulesKeepTraces() {
		start(() -> false, null, Map.of("tenant", "vip"), 100, 1000);
		Span root = this.tracer.spanBuilder("root").startSpan();
		try (Scope scope = root.makeCurrent()) {
			this.tracer.spanBuilder("child").setAttribute("tenant", "vip").startSpan().end();
		}
		root.end();
		trace(false, 1);
		advance(WAIT);
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactlyInAnyOrder("child", "root");
	}

	@Test
	void lateChildrenWithinTheWaitAreIncludedAndLaterOnesFollowTheDecision() {
		start(() -> false, null, Map.of(), 100, 1000);
		Span root = this.tracer.spanBuilder("root").startSpan();
		Span late;
		Span later;
		try (Scope scope = root.makeCurrent()) {
			late = this.tracer.spanBuilder("late").startSpan();
			later = this.tracer.spanBuilder("later").startSpan();
		}
		root.setStatus(StatusCode.ERROR);
		root.end();
		advance(WAIT.multipliedBy(2));
		this.processor.decideDue();
		// Children still open: nothing decided yet.
		assertThat(forwarded()).isEmpty();
		late.end();
		advance(Duration.ofMillis(100));
		this.processor.decideDue();
		assertThat(forwarded()).isEmpty();
		later.end();
		advance(WAIT);
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactlyInAnyOrder("root", "late", "later");
		// A span of a decided trace that ends afterwards follows the decision, once.
		Span straggler = this.tracer.spanBuilder("straggler").setParent(Context.root().with(root)).startSpan();
		straggler.end();
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName)
			.containsExactlyInAnyOrder("root", "late", "later", "straggler");
	}

	@Test
	void aFloodIsBoundedByEvictionAndEvictedErrorsAreStillKept() {
		start(() -> false, null, Map.of(), 10, 1000);
		String firstError = trace(true, 0);
		for (int i = 0; i < 100; i++) {
			trace(false, 0);
		}
		assertThat(this.processor.getEvictedTraces()).isEqualTo(91);
		assertThat(this.processor.getHeldSpans()).isLessThanOrEqualTo(10);
		assertThat(traceIds()).containsExactly(firstError);
		start(() -> false, null, Map.of(), 1000, 20);
		for (int i = 0; i < 50; i++) {
			trace(false, 4);
		}
		assertThat(this.processor.getHeldSpans()).isLessThanOrEqualTo(20);
		assertThat(this.processor.getEvictedTraces()).isPositive();
	}

	@Test
	void baselineRatioKeepsTheFractionWithAFixedSeed() {
		Random random = new Random(42);
		start(() -> random.nextDouble() < 0.1, null, Map.of(), 100_000, 100_000);
		for (int i = 0; i < 10_000; i++) {
			trace(false, 0);
		}
		advance(WAIT);
		this.processor.decideDue();
		assertThat(this.processor.getKeptTraces()).isBetween(900L, 1100L);
		assertThat(this.processor.getKeptTraces() + this.processor.getDroppedTraces()).isEqualTo(10_000);
		// Nothing forwarded twice.
		assertThat(forwarded().stream().map(SpanData::getSpanId).distinct().count()).isEqualTo(forwarded().size());
	}

	@Test
	void aRequestLongerThanTheMaximumAgeIsJudgedWhenItEnds() {
		start(() -> false, Duration.ofSeconds(20), Map.of(), 100, 1000);
		Span slow = this.tracer.spanBuilder("slow-request").setStartTimestamp(1, TimeUnit.SECONDS).startSpan();
		advance(Duration.ofSeconds(31));
		this.processor.decideDue();
		assertThat(this.processor.getDroppedTraces()).isZero();
		slow.end(46, TimeUnit.SECONDS);
		advance(WAIT);
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("slow-request");
	}

	@Test
	void aTraceStillRunningAtTheMaximumAgeIsKeptWhenSlowTracesAreKept() {
		start(() -> false, Duration.ofSeconds(20), Map.of(), 100, 1000);
		Span root = this.tracer.spanBuilder("long-request").startSpan();
		try (Scope scope = root.makeCurrent()) {
			this.tracer.spanBuilder("quick-child").startSpan().end();
		}
		advance(Duration.ofSeconds(30));
		this.processor.decideDue();
		assertThat(this.processor.getKeptTraces()).isEqualTo(1);
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("quick-child");
		advance(Duration.ofSeconds(10));
		root.end();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("quick-child", "long-request");
		assertThat(this.processor.getHeldSpans()).isZero();
	}

	@Test
	void withoutTheSlowRuleARunningTraceIsJudgedOnWhatHasEndedAtTheMaximumAge() {
		start(() -> false, null, Map.of(), 100, 1000);
		Span root = this.tracer.spanBuilder("long-request").startSpan();
		try (Scope scope = root.makeCurrent()) {
			Span failed = this.tracer.spanBuilder("failed-child").startSpan();
			failed.setStatus(StatusCode.ERROR);
			failed.end();
		}
		advance(Duration.ofSeconds(30));
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("failed-child");
		root.end();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("failed-child", "long-request");
	}

	@Test
	void heldSpansAreBoundedByTheirEstimatedBytes() {
		start(() -> false, null, Map.of(), 100_000, 100_000, 256 * 1024);
		String large = "x".repeat(16 * 1024);
		String error = null;
		for (int i = 0; i < 100; i++) {
			Span span = this.tracer.spanBuilder("large").setAttribute("user_agent.original", large).startSpan();
			if (i == 0) {
				span.setStatus(StatusCode.ERROR);
				error = span.getSpanContext().getTraceId();
			}
			span.end();
		}
		assertThat(this.processor.getHeldBytes()).isLessThanOrEqualTo(256 * 1024);
		assertThat(this.processor.getHeldSpans()).isBetween(10, 16);
		assertThat(this.processor.getEvictedTraces()).isGreaterThanOrEqualTo(84);
		// The evicted error trace was still judged, and kept.
		assertThat(traceIds()).containsExactly(error);
	}

	@Test
	void theEstimateCountsLongStringsAndRecordedStackTraces() {
		start(() -> false, null, Map.of(), 100, 1000);
		Span plain = this.tracer.spanBuilder("plain").startSpan();
		Span large = this.tracer.spanBuilder("large").setAttribute("url.full", "x".repeat(10_000)).startSpan();
		Span failed = this.tracer.spanBuilder("failed").startSpan();
		failed.recordException(new IllegalStateException("boom"));
		long plainBytes = SpanSizeEstimate.of((io.opentelemetry.sdk.trace.ReadableSpan) plain);
		long largeBytes = SpanSizeEstimate.of((io.opentelemetry.sdk.trace.ReadableSpan) large);
		long failedBytes = SpanSizeEstimate.of((io.opentelemetry.sdk.trace.ReadableSpan) failed);
		assertThat(plainBytes).isBetween(300L, 1000L);
		assertThat(largeBytes - plainBytes).isBetween(10_000L, 10_200L);
		int stackTrace = java.util.Arrays.stream(new IllegalStateException().getStackTrace())
			.mapToInt((element) -> element.toString().length())
			.sum();
		assertThat(failedBytes - plainBytes).isGreaterThan(stackTrace);
		plain.end();
		large.end();
		failed.end();
	}

	@Test
	void aReusedTraceIdFollowsAnOldDecisionOnlyWithinTheMaximumAge() {
		start(() -> false, null, Map.of(), 100, 1000);
		Span kept = this.tracer.spanBuilder("kept").startSpan();
		kept.setStatus(StatusCode.ERROR);
		kept.end();
		advance(WAIT);
		this.processor.decideDue();
		assertThat(forwarded()).hasSize(1);
		Context reused = Context.root().with(kept);
		this.tracer.spanBuilder("soon-after").setParent(reused).startSpan().end();
		assertThat(forwarded()).hasSize(2);
		// Much later, a client sending the same trace id gets a decision of its own.
		advance(Duration.ofSeconds(31));
		this.tracer.spanBuilder("replayed").setParent(reused).startSpan().end();
		advance(WAIT);
		this.processor.decideDue();
		assertThat(forwarded()).extracting(SpanData::getName).containsExactly("kept", "soon-after");
		assertThat(this.processor.getDroppedTraces()).isEqualTo(1);
	}

	@Test
	void forceFlushDecidesEverythingHeld() {
		start(() -> true, null, Map.of(), 100, 1000);
		trace(false, 2);
		this.processor.forceFlush();
		assertThat(forwarded()).hasSize(3);
		assertThat(this.processor.getHeldSpans()).isZero();
	}

	private String trace(boolean error, int children) {
		Span root = this.tracer.spanBuilder("root").startSpan();
		try (Scope scope = root.makeCurrent()) {
			for (int i = 0; i < children; i++) {
				this.tracer.spanBuilder("child-" + i).startSpan().end();
			}
		}
		if (error) {
			root.setStatus(StatusCode.ERROR);
		}
		root.end();
		return root.getSpanContext().getTraceId();
	}

	private List<String> traceIds() {
		return forwarded().stream().map(SpanData::getTraceId).distinct().toList();
	}

	private List<SpanData> forwarded() {
		return this.forwarded.getFinishedSpanItems();
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

}
