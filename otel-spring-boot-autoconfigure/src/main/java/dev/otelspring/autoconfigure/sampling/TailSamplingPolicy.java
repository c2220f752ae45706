package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Decides whether a finished local trace is kept: always when any span has ERROR status,
 * when a local root span took longer than the slow threshold, or when a span has one of
 * the given attribute values; otherwise by the baseline (a fraction of traces, or at most
 * a rate of them). Each span is judged once, as it ends, so a held trace carries one flag
 * rather than being read again at its decision. Thread-safe.
 */
final class TailSamplingPolicy {

	private final boolean keepErrors;

	private final long slowThresholdNanos;

	private final Map<AttributeKey<String>, String> keepAttributes;

	private final BooleanSupplier baseline;

	TailSamplingPolicy(boolean keepErrors, Duration slowThreshold, Map<String, String> keepAttributes,
			BooleanSupplier baseline) {
		this.keepErrors = keepErrors;
		this.slowThresholdNanos = (slowThreshold != null) ? slowThreshold.toNanos() : Long.MAX_VALUE;
		this.keepAttributes = new LinkedHashMap<>();
		keepAttributes.forEach((key, value) -> this.keepAttributes.put(AttributeKey.stringKey(key), value));
		this.baseline = baseline;
	}

	/**
	 * Returns whether this ended span makes its trace kept, whatever the baseline says.
	 * @param data the ended span's data
	 * @return whether the span's trace must be kept
	 */
	boolean requiresKeeping(SpanData data) {
		if (this.keepErrors && data.getStatus().getStatusCode() == StatusCode.ERROR) {
			return true;
		}
		SpanContext parent = data.getParentSpanContext();
		boolean localRoot = !parent.isValid() || parent.isRemote();
		if (localRoot && data.getEndEpochNanos() - data.getStartEpochNanos() > this.slowThresholdNanos) {
			return true;
		}
		for (Map.Entry<AttributeKey<String>, String> keep : this.keepAttributes.entrySet()) {
			if (keep.getValue().equals(String.valueOf(data.getAttributes().get(keep.getKey())))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether a trace that no span requires keeping is kept by the baseline.
	 * @return whether the baseline keeps the trace
	 */
	boolean baseline() {
		return this.baseline.getAsBoolean();
	}

}
