package dev.otelspring.autoconfigure.kafka;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;

/**
 * One send or one processing: its span, and what its duration metric is recorded with
 * ({@code null} attributes when metrics are off). Confined to the operation.
 */
final class KafkaOperation {

	final Span span;

	final DoubleHistogram duration;

	final Attributes attributes;

	final long start;

	String errorType;

	KafkaOperation(Span span, DoubleHistogram duration, Attributes attributes, long start) {
		this.span = span;
		this.duration = duration;
		this.attributes = attributes;
		this.start = start;
	}

}
