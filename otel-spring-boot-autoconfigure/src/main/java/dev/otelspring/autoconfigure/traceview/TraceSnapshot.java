package dev.otelspring.autoconfigure.traceview;

import java.util.List;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A copy of one held trace: its spans in the order they ended.
 *
 * @param traceId the trace id
 * @param spans the spans held, never empty
 * @param truncated whether spans were left out to keep the store within its byte bound
 */
record TraceSnapshot(String traceId, List<SpanData> spans, boolean truncated) {

	/**
	 * Returns the earliest start of a span of the trace.
	 * @return epoch nanoseconds
	 */
	long startEpochNanos() {
		long start = Long.MAX_VALUE;
		for (SpanData span : this.spans) {
			start = Math.min(start, span.getStartEpochNanos());
		}
		return start;
	}

	/**
	 * Returns the latest end of a span of the trace.
	 * @return epoch nanoseconds
	 */
	long endEpochNanos() {
		long end = Long.MIN_VALUE;
		for (SpanData span : this.spans) {
			end = Math.max(end, span.getEndEpochNanos());
		}
		return end;
	}

	/**
	 * Returns the span that stands for the trace: its local root (a span without a parent
	 * or with a parent in another service), the earliest if there are several, else the
	 * earliest span.
	 * @return the span
	 */
	SpanData root() {
		SpanData root = null;
		SpanData earliest = null;
		for (SpanData span : this.spans) {
			if (earliest == null || span.getStartEpochNanos() < earliest.getStartEpochNanos()) {
				earliest = span;
			}
			boolean localRoot = !span.getParentSpanContext().isValid() || span.getParentSpanContext().isRemote();
			if (localRoot && (root == null || span.getStartEpochNanos() < root.getStartEpochNanos())) {
				root = span;
			}
		}
		return (root != null) ? root : earliest;
	}

	/**
	 * Returns whether a span of the trace ended with an error.
	 * @return whether one did
	 */
	boolean hasError() {
		for (SpanData span : this.spans) {
			if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
				return true;
			}
		}
		return false;
	}

}
