package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.otelspring.autoconfigure.internal.SpanSizeEstimate;
import dev.otelspring.autoconfigure.sdk.DelegatingSpanProcessor;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Tail sampling inside the application: holds the spans of each trace until its local
 * part has finished, then keeps or drops the whole local trace at once. The local part
 * has finished when every span this process started for the trace has ended; with a
 * decision wait, also no span of it may have ended for that long, so that work started
 * after the rest had ended (asynchronous continuations) still counts. Without one, the
 * trace is decided on the thread that ends its last open span, and nothing is held beyond
 * the trace's own lifetime. Kept traces go, span by span, to the downstream processor
 * (the usual {@code BatchSpanProcessor}), so a kept trace is never partly exported and no
 * span is exported twice. A span that ends after its trace was decided follows the
 * decision.
 *
 * <p>
 * Memory is bounded: at most {@code maxTraces} traces, {@code maxSpans} spans and an
 * estimated {@code maxBytes} of spans ({@link SpanSizeEstimate}) are held; past that the
 * oldest trace is decided at once with what it has (so its errors still count) and the
 * eviction is counted. A trace still in progress at {@code maxTraceAge} is kept when
 * {@code keepOverdue} is set (the policy keeps slow traces, and this one is slower than
 * its threshold): its open spans are exported as they end. Otherwise it is decided on the
 * spans that have ended, once at least one has. A decision is followed by late spans for
 * {@code maxTraceAge} while it is among the last {@value #REMEMBERED_DECISIONS} made; a
 * span of a trace whose decision is gone starts a trace of its own.
 *
 * <p>
 * Thread-safe. Request threads do a map update per span start and end under a short lock,
 * and read each span once as it ends; the waited decisions run on one background thread.
 */
public final class TailSamplingSpanProcessor implements DelegatingSpanProcessor {

	/**
	 * How many recent decisions late spans can follow.
	 */
	private static final int REMEMBERED_DECISIONS = 10_000;

	/**
	 * Marks a span whose size was not estimated before the lock was taken.
	 */
	private static final long NOT_ESTIMATED = -1;

	private final SpanProcessor downstream;

	private final TailSamplingPolicy policy;

	private final long decisionWaitNanos;

	private final boolean decideAtOnce;

	private final long maxTraceAgeNanos;

	private final int maxTraces;

	private final int maxSpans;

	private final long maxBytes;

	private final boolean keepOverdue;

	private final LongSupplier nanoClock;

	private final Object lock = new Object();

	private final LinkedHashMap<String, PendingTrace> pending = new LinkedHashMap<>();

	/**
	 * Recent decisions, which late spans follow for {@code maxTraceAge}; after that a
	 * span with the same trace id starts a trace of its own, so a client that reuses the
	 * id of a kept trace cannot have its later requests exported past the baseline.
	 */
	private final Map<String, Decision> decided = new LinkedHashMap<>(1024, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
			return size() > REMEMBERED_DECISIONS;
		}
	};

	private int heldSpans;

	private long heldBytes;

	private final LongAdder keptTraces = new LongAdder();

	private final LongAdder droppedTraces = new LongAdder();

	private final LongAdder evictedTraces = new LongAdder();

	private final ScheduledExecutorService scheduler;

	TailSamplingSpanProcessor(SpanProcessor downstream, TailSamplingPolicy policy, Duration decisionWait,
			Duration maxTraceAge, int maxTraces, int maxSpans, long maxBytes, boolean keepOverdue,
			LongSupplier nanoClock, boolean background) {
		this.downstream = downstream;
		this.policy = policy;
		this.decisionWaitNanos = decisionWait.toNanos();
		this.decideAtOnce = decisionWait.isZero();
		this.maxTraceAgeNanos = maxTraceAge.toNanos();
		this.maxTraces = maxTraces;
		this.maxSpans = maxSpans;
		this.maxBytes = maxBytes;
		this.keepOverdue = keepOverdue;
		this.nanoClock = nanoClock;
		if (background) {
			this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "otel-tail-sampling");
				thread.setDaemon(true);
				return thread;
			});
			// Without a wait, traces are decided as they finish; the thread only looks
			// for the overdue ones.
			long period = this.decideAtOnce ? 100 : Math.max(10, decisionWait.toMillis() / 2);
			this.scheduler.scheduleWithFixedDelay(this::decideSafely, period, period, TimeUnit.MILLISECONDS);
		}
		else {
			this.scheduler = null;
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (!span.getSpanContext().isSampled()) {
			return;
		}
		List<List<ReadableSpan>> kept = null;
		synchronized (this.lock) {
			String traceId = span.getSpanContext().getTraceId();
			if (decision(traceId) != null) {
				return;
			}
			PendingTrace trace = this.pending.get(traceId);
			if (trace == null) {
				trace = new PendingTrace(this.nanoClock.getAsLong());
				this.pending.put(traceId, trace);
				// Bounds the traces whose spans have not ended yet, too: without a
				// decision wait, span ends may never reach the eviction below.
				kept = evictOverBounds(kept);
			}
			trace.open++;
		}
		forward(kept);
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		SpanContext spanContext = span.getSpanContext();
		if (!spanContext.isSampled()) {
			return;
		}
		SpanData data = span.toSpanData();
		boolean requiresKeeping = this.policy.requiresKeeping(data);
		// With a decision wait every span is held, so its size is estimated before the
		// lock is taken; without one only the spans of unfinished traces are, under it.
		long sizeBeforeLock = this.decideAtOnce ? NOT_ESTIMATED : SpanSizeEstimate.of(data);
		List<List<ReadableSpan>> kept = null;
		boolean forwardThis = false;
		synchronized (this.lock) {
			String traceId = spanContext.getTraceId();
			Decision decision = decision(traceId);
			if (decision != null) {
				forwardThis = decision.keep();
			}
			else {
				PendingTrace trace = this.pending.get(traceId);
				if (trace == null) {
					trace = new PendingTrace(this.nanoClock.getAsLong());
					this.pending.put(traceId, trace);
				}
				trace.spans.add(span);
				trace.requiresKeeping |= requiresKeeping;
				trace.open = Math.max(0, trace.open - 1);
				this.heldSpans++;
				if (this.decideAtOnce && trace.open == 0) {
					this.pending.remove(traceId);
					kept = decideLocked(traceId, trace, false, kept);
				}
				else {
					kept = hold(trace, data, sizeBeforeLock, kept);
				}
			}
		}
		if (forwardThis) {
			this.downstream.onEnd(span);
		}
		forward(kept);
	}

	/**
	 * Accounts for a span held with its trace, then decides the oldest traces early while
	 * the bounds are exceeded. Called under the lock.
	 * @param trace the trace the span joined
	 * @param span the span
	 * @param sizeBeforeLock the span's estimated bytes, or {@link #NOT_ESTIMATED}
	 * @param kept the traces kept so far, or {@code null}
	 * @return the traces kept so far, the early decisions' added, or {@code null}
	 */
	private List<List<ReadableSpan>> hold(PendingTrace trace, SpanData span, long sizeBeforeLock,
			List<List<ReadableSpan>> kept) {
		long size = (sizeBeforeLock != NOT_ESTIMATED) ? sizeBeforeLock : SpanSizeEstimate.of(span);
		trace.bytes += size;
		trace.lastEnd = this.nanoClock.getAsLong();
		this.heldBytes += size;
		return evictOverBounds(kept);
	}

	/**
	 * Decides the oldest traces early while the bounds are exceeded, counting each.
	 * Called under the lock.
	 * @param kept the traces kept so far, or {@code null}
	 * @return the traces kept so far, the early decisions' added, or {@code null}
	 */
	private List<List<ReadableSpan>> evictOverBounds(List<List<ReadableSpan>> kept) {
		List<List<ReadableSpan>> result = kept;
		while (!this.pending.isEmpty() && (this.pending.size() > this.maxTraces || this.heldSpans > this.maxSpans
				|| this.heldBytes > this.maxBytes)) {
			Iterator<Map.Entry<String, PendingTrace>> oldest = this.pending.entrySet().iterator();
			Map.Entry<String, PendingTrace> evicted = oldest.next();
			oldest.remove();
			this.evictedTraces.increment();
			result = decideLocked(evicted.getKey(), evicted.getValue(), false, result);
		}
		return result;
	}

	/**
	 * Decides every trace that is due. Called by the background thread, or by tests with
	 * their clock.
	 */
	void decideDue() {
		List<List<ReadableSpan>> kept = new ArrayList<>();
		synchronized (this.lock) {
			long now = this.nanoClock.getAsLong();
			Iterator<Map.Entry<String, PendingTrace>> iterator = this.pending.entrySet().iterator();
			while (iterator.hasNext()) {
				Map.Entry<String, PendingTrace> entry = iterator.next();
				PendingTrace trace = entry.getValue();
				boolean finished = trace.open == 0 && !trace.spans.isEmpty()
						&& now - trace.lastEnd >= this.decisionWaitNanos;
				boolean overdue = now - trace.firstSeen >= this.maxTraceAgeNanos;
				boolean keepInProgress = overdue && trace.open > 0 && this.keepOverdue;
				// Without the slow rule, a trace none of whose spans has ended (a long
				// request) waits for its first span rather than being judged on nothing;
				// eviction still bounds how many wait.
				if (finished || keepInProgress || (overdue && !trace.spans.isEmpty())) {
					iterator.remove();
					decideLocked(entry.getKey(), trace, keepInProgress, kept);
				}
			}
		}
		forward(kept);
	}

	private void decideSafely() {
		try {
			decideDue();
		}
		catch (RuntimeException ex) {
			// never let the background thread die
		}
	}

	/**
	 * Decides a trace taken out of the pending ones. Called under the lock.
	 * @param traceId the trace id
	 * @param trace the trace
	 * @param forceKeep whether the trace is kept whatever the policy says
	 * @param kept the traces kept so far, or {@code null}
	 * @return the traces kept so far, this one added when it is kept, or {@code null}
	 */
	private List<List<ReadableSpan>> decideLocked(String traceId, PendingTrace trace, boolean forceKeep,
			List<List<ReadableSpan>> kept) {
		this.heldSpans -= trace.spans.size();
		this.heldBytes -= trace.bytes;
		boolean keep = forceKeep || (!trace.spans.isEmpty() && (trace.requiresKeeping || this.policy.baseline()));
		this.decided.put(traceId, new Decision(keep, this.nanoClock.getAsLong()));
		if (!keep) {
			this.droppedTraces.increment();
			return kept;
		}
		this.keptTraces.increment();
		List<List<ReadableSpan>> result = (kept != null) ? kept : new ArrayList<>(1);
		result.add(trace.spans);
		return result;
	}

	/**
	 * Returns the decision on the trace, or {@code null} when there is none or it is
	 * older than {@code maxTraceAge}. Called under the lock.
	 * @param traceId the trace id
	 * @return the decision, or {@code null}
	 */
	private Decision decision(String traceId) {
		Decision decision = this.decided.get(traceId);
		if (decision != null && this.nanoClock.getAsLong() - decision.at() >= this.maxTraceAgeNanos) {
			this.decided.remove(traceId);
			return null;
		}
		return decision;
	}

	private void forward(List<List<ReadableSpan>> kept) {
		if (kept == null) {
			return;
		}
		for (List<ReadableSpan> spans : kept) {
			for (ReadableSpan span : spans) {
				this.downstream.onEnd(span);
			}
		}
	}

	@Override
	public CompletableResultCode forceFlush() {
		List<List<ReadableSpan>> kept = new ArrayList<>();
		synchronized (this.lock) {
			this.pending.forEach((traceId, trace) -> decideLocked(traceId, trace, false, kept));
			this.pending.clear();
		}
		forward(kept);
		return this.downstream.forceFlush();
	}

	@Override
	public CompletableResultCode shutdown() {
		forceFlush();
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		return this.downstream.shutdown();
	}

	/**
	 * Returns the processor that kept traces go to.
	 * @return the downstream processor
	 */
	@Override
	public SpanProcessor getDelegate() {
		return this.downstream;
	}

	/**
	 * Returns how many traces were kept.
	 * @return how many traces were kept
	 */
	public long getKeptTraces() {
		return this.keptTraces.sum();
	}

	/**
	 * Returns how many traces were dropped.
	 * @return how many traces were dropped
	 */
	public long getDroppedTraces() {
		return this.droppedTraces.sum();
	}

	/**
	 * Returns how many traces were decided early to stay within the memory bounds.
	 * @return how many traces were decided early to stay within the memory bounds
	 */
	public long getEvictedTraces() {
		return this.evictedTraces.sum();
	}

	/**
	 * Returns how many spans are held, waiting for their trace's decision.
	 * @return how many spans are held, waiting for their trace's decision
	 */
	public int getHeldSpans() {
		synchronized (this.lock) {
			return this.heldSpans;
		}
	}

	/**
	 * Returns the estimated bytes of the spans held, waiting for their trace's decision.
	 * @return the estimated bytes held
	 */
	public long getHeldBytes() {
		synchronized (this.lock) {
			return this.heldBytes;
		}
	}

	@Override
	public String toString() {
		return "TailSamplingSpanProcessor{downstream=" + this.downstream + ", kept=" + getKeptTraces() + ", dropped="
				+ getDroppedTraces() + ", evicted=" + getEvictedTraces() + "}";
	}

	/** A decision and when it was made, on the decision clock. */
	private record Decision(boolean keep, long at) {
	}

	private static final class PendingTrace {

		final long firstSeen;

		final List<ReadableSpan> spans = new ArrayList<>();

		int open;

		boolean requiresKeeping;

		long bytes;

		long lastEnd;

		PendingTrace(long firstSeen) {
			this.firstSeen = firstSeen;
			this.lastEnd = firstSeen;
		}

	}

}
