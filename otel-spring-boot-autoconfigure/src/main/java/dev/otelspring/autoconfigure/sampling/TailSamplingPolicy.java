package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Decides whether a finished local trace is kept: always when any span has ERROR status,
 * when a local root span took longer than the slow threshold, or when a span has one of
 * the given attribute values; otherwise by the baseline (a fraction of traces, or at most
 * a rate of them). Thread-safe.
 */
final class TailSamplingPolicy implements Predicate<List<ReadableSpan>> {

	private final boolean keepErrors;

	private final long slowThresholdNanos;

	private final Map<AttributeKey<String>, String> keepAttributes;

	private final BooleanSupplier baseline;

	TailSamplingPolicy(boolean keepErrors, Duration slowThreshold, Map<String, String> keepAttributes,
			BooleanSupplier baseline) {
		this.keepErrors = keepErrors;
		this.slowThresholdNanos = (slowThreshold != null) ? slowThreshold.toNanos() : Long.MAX_VALUE;
		this.keepAttributes = new java.util.LinkedHashMap<>();
		keepAttributes.forEach((key, value) -> this.keepAttributes.put(AttributeKey.stringKey(key), value));
		this.baseline = baseline;
	}

	@Override
	public boolean test(List<ReadableSpan> spans) {
		for (ReadableSpan span : spans) {
			SpanData data = span.toSpanData();
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
		}
		return this.baseline.getAsBoolean();
	}

}
