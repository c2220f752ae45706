package dev.otelspring.autoconfigure.traceview;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.otelspring.autoconfigure.internal.SpanSizeEstimate;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace view's store: whole traces, late spans joined, bounds in count and bytes, the
 * order of eviction, and many threads at once.
 */
class TraceStoreTests {

	private long clock = 1_000_000_000_000L;

	@Test
	void groupsSpansByTraceAndJoinsLateSpans() {
		TraceStore store = new TraceStore(10, 1 << 20);
		store.add(span(1, 2, 1, 10));
		store.add(span(2, 1, 0, 5));
		store.add(span(1, 3, 1, 11));
		store.add(span(1, 1, 0, 20));
		assertThat(store.traces()).hasSize(2);
		TraceSnapshot first = store.trace(traceId(1));
		assertThat(first.spans()).extracting(SpanData::getSpanId).containsExactly(spanId(2), spanId(3), spanId(1));
		assertThat(first.root().getSpanId()).isEqualTo(spanId(1));
		assertThat(first.truncated()).isFalse();
		assertThat(store.trace(traceId(3))).isNull();
	}

	@Test
	void listsTheTraceThatStartedLastFirst() {
		TraceStore store = new TraceStore(10, 1 << 20);
		store.add(span(1, 1, 0, 1));
		store.add(span(2, 1, 0, 1));
		store.add(span(3, 1, 0, 1));
		// A late span of the first trace does not make it start later.
		store.add(span(1, 2, 1, 1));
		assertThat(store.traces()).extracting(TraceSnapshot::traceId)
			.containsExactly(traceId(3), traceId(2), traceId(1));
	}

	@Test
	void dropsTheTraceThatReceivedASpanLeastRecentlyPastTheCount() {
		TraceStore store = new TraceStore(2, 1 << 20);
		store.add(span(1, 1, 0, 1));
		store.add(span(2, 1, 0, 1));
		// Trace 1 receives a span again: trace 2 is now the least recent.
		store.add(span(1, 2, 1, 1));
		store.add(span(3, 1, 0, 1));
		assertThat(store.traces()).extracting(TraceSnapshot::traceId).containsExactlyInAnyOrder(traceId(1), traceId(3));
		// Reading a trace does not change the order.
		store.trace(traceId(1));
		store.add(span(4, 1, 0, 1));
		assertThat(store.traces()).extracting(TraceSnapshot::traceId).containsExactlyInAnyOrder(traceId(3), traceId(4));
	}

	@Test
	void staysWithinTheByteBound() {
		long oneSpan = SpanSizeEstimate.of(span(1, 1, 0, 1));
		TraceStore store = new TraceStore(1000, oneSpan * 10);
		for (int trace = 1; trace <= 30; trace++) {
			store.add(span(trace, 1, 0, 1));
			store.add(span(trace, 2, 1, 1));
			assertThat(store.heldBytes()).isLessThanOrEqualTo(oneSpan * 10);
		}
		assertThat(store.traces()).hasSize(5);
		assertThat(store.heldBytes()).isEqualTo(oneSpan * 10);
		assertThat(store.traces()).extracting(TraceSnapshot::traceId)
			.containsExactly(traceId(30), traceId(29), traceId(28), traceId(27), traceId(26));
	}

	@Test
	void aTraceLargerThanTheBoundKeepsWhatFitsAndIsMarkedTruncated() {
		long oneSpan = SpanSizeEstimate.of(span(1, 1, 0, 1));
		TraceStore store = new TraceStore(10, oneSpan * 4);
		store.add(span(9, 1, 0, 1));
		for (int id = 1; id <= 10; id++) {
			store.add(span(1, id, 0, 1));
		}
		assertThat(store.traces()).singleElement().satisfies((trace) -> {
			assertThat(trace.traceId()).isEqualTo(traceId(1));
			assertThat(trace.spans()).hasSize(4);
			assertThat(trace.truncated()).isTrue();
		});
		assertThat(store.heldBytes()).isEqualTo(oneSpan * 4);
	}

	@Test
	void holdsItsBoundsWithManyWritersAndReaders() throws Exception {
		long oneSpan = SpanSizeEstimate.of(span(1, 1, 0, 1));
		TraceStore store = new TraceStore(50, oneSpan * 400);
		int writers = 8;
		ExecutorService executor = Executors.newFixedThreadPool(writers + 1);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int writer = 0; writer < writers; writer++) {
			int offset = writer * 100_000;
			futures.add(executor.submit(() -> {
				start.await();
				for (int i = 0; i < 20_000; i++) {
					// Spans of 1,000 traces per writer, interleaved, some traces shared.
					store.add(span(offset + (i % 1000), i, 1, 1));
					store.add(span(7, offset + i, 1, 1));
				}
				return null;
			}));
		}
		futures.add(executor.submit(() -> {
			start.await();
			for (int i = 0; i < 2_000; i++) {
				List<TraceSnapshot> traces = store.traces();
				assertThat(traces.size()).isLessThanOrEqualTo(50);
				long bytes = traces.stream().mapToLong((trace) -> trace.spans().size() * oneSpan).sum();
				assertThat(bytes).isLessThanOrEqualTo(oneSpan * 400);
			}
			return null;
		}));
		start.countDown();
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
		executor.shutdown();
		List<TraceSnapshot> traces = store.traces();
		assertThat(traces.size()).isLessThanOrEqualTo(50);
		long held = traces.stream().mapToLong((trace) -> trace.spans().size() * oneSpan).sum();
		assertThat(store.heldBytes()).isEqualTo(held).isLessThanOrEqualTo(oneSpan * 400);
	}

	private SpanData span(int trace, int id, int parent, long durationMillis) {
		long start = this.clock;
		this.clock += 1_000_000;
		SpanContext parentContext = (parent != 0)
				? SpanContext.create(traceId(trace), spanId(parent), TraceFlags.getSampled(), TraceState.getDefault())
				: SpanContext.getInvalid();
		return TestSpanData.builder()
			.setSpanContext(
					SpanContext.create(traceId(trace), spanId(id), TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext(parentContext)
			.setName("span")
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(start)
			.setEndEpochNanos(start + durationMillis * 1_000_000)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.setAttributes(Attributes.empty())
			.setTotalRecordedEvents(0)
			.setTotalRecordedLinks(0)
			.build();
	}

	private static String traceId(int trace) {
		return String.format("%032x", trace + 1);
	}

	private static String spanId(int id) {
		return String.format("%016x", id + 1);
	}

}
