package dev.otelspring.autoconfigure.traceview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.internal.SpanSizeEstimate;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The recent traces the trace view shows: ended spans grouped by trace id, bounded by a
 * number of traces and by an estimate of the bytes their spans hold.
 *
 * <p>
 * A span that arrives after others of its trace joins them, however late. Past either
 * bound, the trace that received a span the longest time ago goes first; a trace that
 * alone exceeds the byte bound keeps the spans that fit and is marked truncated. Writers
 * hold the lock for an append and, when a bound is passed, the removal of whole traces;
 * the size of a span is estimated before the lock is taken. Readers copy what they need
 * under the lock and build their answer outside it.
 */
final class TraceStore {

	private final int maxTraces;

	private final long maxBytes;

	/** Traces in the order they last received a span, the least recent first. */
	private final LinkedHashMap<String, StoredTrace> traces = new LinkedHashMap<>(16, 0.75f, true);

	private long heldBytes;

	/**
	 * Creates an empty store.
	 * @param maxTraces the most traces held
	 * @param maxBytes the most estimated bytes held
	 */
	TraceStore(int maxTraces, long maxBytes) {
		this.maxTraces = maxTraces;
		this.maxBytes = maxBytes;
	}

	/**
	 * Adds an ended span to its trace.
	 * @param span the span
	 */
	void add(SpanData span) {
		long size = SpanSizeEstimate.of(span);
		synchronized (this.traces) {
			StoredTrace trace = this.traces.get(span.getTraceId());
			if (trace == null) {
				trace = new StoredTrace(span.getTraceId());
				this.traces.put(trace.traceId, trace);
			}
			trace.spans.add(span);
			trace.bytes += size;
			this.heldBytes += size;
			while (this.traces.size() > this.maxTraces || this.heldBytes > this.maxBytes) {
				Iterator<StoredTrace> leastRecent = this.traces.values().iterator();
				StoredTrace evicted = leastRecent.next();
				if (evicted == trace) {
					// The only trace left is too large on its own: it keeps what fits.
					trace.spans.remove(trace.spans.size() - 1);
					trace.bytes -= size;
					this.heldBytes -= size;
					trace.truncated = true;
					break;
				}
				leastRecent.remove();
				this.heldBytes -= evicted.bytes;
			}
		}
	}

	/**
	 * Returns a copy of every held trace, the one that started last first.
	 * @return the traces
	 */
	List<TraceSnapshot> traces() {
		List<TraceSnapshot> copies = new ArrayList<>();
		synchronized (this.traces) {
			for (StoredTrace trace : this.traces.values()) {
				copies.add(trace.snapshot());
			}
		}
		copies.sort(Comparator.comparingLong(TraceSnapshot::startEpochNanos).reversed());
		return copies;
	}

	/**
	 * Returns a copy of one trace.
	 * @param traceId the trace id
	 * @return the trace, or {@code null} when it is not held
	 */
	TraceSnapshot trace(String traceId) {
		synchronized (this.traces) {
			// A get would count as an access and change the eviction order.
			for (Map.Entry<String, StoredTrace> entry : this.traces.entrySet()) {
				if (entry.getKey().equals(traceId)) {
					return entry.getValue().snapshot();
				}
			}
		}
		return null;
	}

	/**
	 * Returns the estimated bytes the held spans take.
	 * @return the bytes
	 */
	long heldBytes() {
		synchronized (this.traces) {
			return this.heldBytes;
		}
	}

	int maxTraces() {
		return this.maxTraces;
	}

	long maxBytes() {
		return this.maxBytes;
	}

	private static final class StoredTrace {

		private final String traceId;

		private final List<SpanData> spans = new ArrayList<>();

		private long bytes;

		private boolean truncated;

		StoredTrace(String traceId) {
			this.traceId = traceId;
		}

		TraceSnapshot snapshot() {
			return new TraceSnapshot(this.traceId, List.copyOf(this.spans), this.truncated);
		}

	}

}
