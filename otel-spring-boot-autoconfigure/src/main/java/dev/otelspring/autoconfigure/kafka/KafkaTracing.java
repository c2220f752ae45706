package dev.otelspring.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.internal.SpanTiming;
import dev.otelspring.autoconfigure.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Starts and ends the spans of Kafka sends and record processing, by the messaging
 * semantic conventions, and carries the trace context in the record headers with the
 * configured propagators. Every call into the SDK is guarded: a failure of tracing costs
 * the span, never the send or the listener; headers that do not parse start a new trace.
 */
public final class KafkaTracing {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.kafka";

	private static final Log logger = LogFactory.getLog(KafkaTracing.class);

	static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");

	static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");

	static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");

	static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");

	static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");

	static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");

	static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");

	static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");

	static final AttributeKey<String> CLIENT_ID = AttributeKey.stringKey("messaging.client.id");

	static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");

	/** The most links a batch's span carries; the SDK's default span limit. */
	static final int MAX_LINKS = 128;

	private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
		if (headers != null) {
			headers.remove(key);
			headers.add(key, value.getBytes(StandardCharsets.UTF_8));
		}
	};

	private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Headers headers) {
			List<String> keys = new ArrayList<>();
			for (Header header : headers) {
				keys.add(header.key());
			}
			return keys;
		}

		@Override
		public String get(Headers headers, String key) {
			if (headers == null) {
				return null;
			}
			Header header = headers.lastHeader(key);
			return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8)
					: null;
		}

	};

	/** The explicit bucket boundaries the messaging conventions advise, in seconds. */
	private static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75,
			1.0, 2.5, 5.0, 7.5, 10.0);

	private final Tracer tracer;

	private final UnsampledParents unsampledParents;

	private final TextMapPropagator propagator;

	private final DoubleHistogram sendDuration;

	private final DoubleHistogram processDuration;

	/**
	 * Creates the tracing of Kafka clients.
	 * @param openTelemetry where the tracer and the propagators come from
	 */
	public KafkaTracing(OpenTelemetry openTelemetry) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
		this.unsampledParents = UnsampledParents.of(openTelemetry);
		this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
		Meter meter = SpanTiming.meter(openTelemetry, INSTRUMENTATION_NAME, true);
		this.sendDuration = (meter != null) ? meter.histogramBuilder("messaging.client.operation.duration")
			.setUnit("s")
			.setDescription("Duration of messaging operations initiated by a producer or consumer client.")
			.setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
			.build() : null;
		this.processDuration = (meter != null) ? meter.histogramBuilder("messaging.process.duration")
			.setUnit("s")
			.setDescription("Duration of processing operations.")
			.setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
			.build() : null;
	}

	/**
	 * Wraps a span into an operation, measured when metrics are on.
	 * @param span the span, or {@code null}
	 * @param duration the histogram, or {@code null}
	 * @param operation the operation's name and type
	 * @param topic the destination, or {@code null}
	 * @param groupId the consumer group, or {@code null}
	 * @return the operation, or {@code null} without a span
	 */
	private static KafkaOperation operation(Span span, DoubleHistogram duration, String operation, String topic,
			String groupId) {
		if (span == null) {
			return null;
		}
		if (duration == null) {
			return new KafkaOperation(span, null, null, 0);
		}
		AttributesBuilder attributes = Attributes.builder()
			.put(SYSTEM, "kafka")
			.put(OPERATION_NAME, operation)
			.put(OPERATION_TYPE, operation);
		if (topic != null) {
			attributes.put(DESTINATION, topic);
		}
		if (groupId != null) {
			attributes.put(CONSUMER_GROUP, groupId);
		}
		return new KafkaOperation(span, duration, attributes.build(), SpanTiming.start(span));
	}

	/**
	 * Starts the PRODUCER span of a send and writes its context into the record's
	 * headers.
	 * @param record the record
	 * @param clientId the producer's client id, or {@code null}
	 * @return the send, or {@code null} when its span could not be started
	 */
	KafkaOperation startSend(ProducerRecord<?, ?> record, String clientId) {
		try {
			Context parent = Context.current();
			SpanBuilder builder = this.tracer.spanBuilder("send " + record.topic())
				.setParent(parent)
				.setSpanKind(SpanKind.PRODUCER);
			if (!this.unsampledParents.dropsChildOf(parent)) {
				setOperation(builder, record.topic(), "send");
				if (record.partition() != null) {
					builder.setAttribute(PARTITION, String.valueOf(record.partition()));
				}
				if (record.key() instanceof String key) {
					builder.setAttribute(MESSAGE_KEY, key);
				}
				if (clientId != null) {
					builder.setAttribute(CLIENT_ID, clientId);
				}
			}
			Span span = builder.startSpan();
			try {
				this.propagator.inject(parent.with(span), record.headers(), SETTER);
			}
			catch (IllegalStateException ex) {
				// read-only headers: a record sent before; the span stays, unlinked
				logger.debug("Could not write the trace context into the record's headers", ex);
			}
			return operation(span, this.sendDuration, "send", record.topic(), null);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a Kafka send span", ex);
			return null;
		}
	}

	/**
	 * Sets the attributes every send and process span carries.
	 * @param builder the span's builder
	 * @param topic the record's topic
	 * @param operation the operation, {@code send} or {@code process}
	 * @return the builder
	 */
	private static SpanBuilder setOperation(SpanBuilder builder, String topic, String operation) {
		return builder.setAttribute(SYSTEM, "kafka")
			.setAttribute(DESTINATION, topic)
			.setAttribute(OPERATION_TYPE, operation)
			.setAttribute(OPERATION_NAME, operation);
	}

	/**
	 * Ends a send's span with what the broker answered.
	 * @param send the send, or {@code null}
	 * @param metadata where the record went, or {@code null}
	 * @param failure why it was not sent, or {@code null}
	 */
	void endSend(KafkaOperation send, RecordMetadata metadata, Throwable failure) {
		if (send == null) {
			return;
		}
		Span span = send.span;
		try {
			if (metadata != null && span.isRecording()) {
				span.setAttribute(PARTITION, String.valueOf(metadata.partition()));
				if (metadata.hasOffset()) {
					span.setAttribute(OFFSET, metadata.offset());
				}
			}
			if (failure != null) {
				fail(send, failure);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not complete a Kafka send span", ex);
		}
		end(send);
	}

	/**
	 * Starts the CONSUMER span of processing one record, continuing the trace its headers
	 * carry; a record without (readable) headers starts a new trace.
	 * @param record the record
	 * @param groupId the consumer group, or {@code null}
	 * @return the processing, or {@code null} when its span could not be started
	 */
	KafkaOperation startProcess(ConsumerRecord<?, ?> record, String groupId) {
		try {
			Context parent = extract(record);
			SpanBuilder builder = this.tracer.spanBuilder("process " + record.topic())
				.setParent(parent)
				.setSpanKind(SpanKind.CONSUMER);
			if (!this.unsampledParents.dropsChildOf(parent)) {
				setOperation(builder, record.topic(), "process")
					.setAttribute(PARTITION, String.valueOf(record.partition()))
					.setAttribute(OFFSET, record.offset());
				if (record.key() instanceof String key) {
					builder.setAttribute(MESSAGE_KEY, key);
				}
				if (groupId != null) {
					builder.setAttribute(CONSUMER_GROUP, groupId);
				}
			}
			return operation(builder.startSpan(), this.processDuration, "process", record.topic(), groupId);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a Kafka process span", ex);
			return null;
		}
	}

	/**
	 * Starts the CONSUMER span of processing a batch of records: the root of a trace of
	 * its own, linked to the context each record's headers carry (records of one trace
	 * give one link), up to {@value #MAX_LINKS} links.
	 * @param records the batch
	 * @param groupId the consumer group, or {@code null}
	 * @return the processing, or {@code null} when its span could not be started
	 */
	KafkaOperation startBatch(ConsumerRecords<?, ?> records, String groupId) {
		try {
			Set<String> topics = new LinkedHashSet<>();
			Set<SpanContext> links = new LinkedHashSet<>();
			for (ConsumerRecord<?, ?> record : records) {
				topics.add(record.topic());
				if (links.size() < MAX_LINKS) {
					SpanContext linked = Span.fromContext(extract(record)).getSpanContext();
					if (linked.isValid()) {
						links.add(linked);
					}
				}
			}
			String topic = (topics.size() == 1) ? topics.iterator().next() : null;
			SpanBuilder builder = this.tracer.spanBuilder((topic != null) ? "process " + topic : "process")
				.setNoParent()
				.setSpanKind(SpanKind.CONSUMER)
				.setAttribute(SYSTEM, "kafka")
				.setAttribute(OPERATION_TYPE, "process")
				.setAttribute(OPERATION_NAME, "process")
				.setAttribute(BATCH_COUNT, (long) records.count());
			if (topic != null) {
				builder.setAttribute(DESTINATION, topic);
			}
			if (groupId != null) {
				builder.setAttribute(CONSUMER_GROUP, groupId);
			}
			for (SpanContext link : links) {
				builder.addLink(link);
			}
			return operation(builder.startSpan(), this.processDuration, "process", topic, groupId);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a Kafka batch process span", ex);
			return null;
		}
	}

	// The context a record's headers carry; the root context when they carry none or
	// cannot be read.
	private Context extract(ConsumerRecord<?, ?> record) {
		try {
			return this.propagator.extract(Context.root(), record.headers(), GETTER);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the trace context from the record's headers", ex);
			return Context.root();
		}
	}

	/**
	 * Marks the operation failed: {@code error.type}, the exception recorded, ERROR
	 * status.
	 * @param operation the operation, or {@code null}
	 * @param failure what was thrown
	 */
	void fail(KafkaOperation operation, Throwable failure) {
		if (operation == null) {
			return;
		}
		Span span = operation.span;
		try {
			operation.errorType = failure.getClass().getName();
			span.setAttribute(ErrorAttributes.ERROR_TYPE, operation.errorType);
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record a Kafka failure on its span", ex);
		}
	}

	/**
	 * Ends the operation's span and records its duration
	 * ({@code messaging.client.operation.duration} for a send,
	 * {@code messaging.process.duration} for a processing), in its span's context.
	 * @param operation the operation, or {@code null}
	 */
	void end(KafkaOperation operation) {
		if (operation == null) {
			return;
		}
		Guarded.end(operation.span, logger);
		if (operation.attributes == null) {
			return;
		}
		try {
			Attributes attributes = (operation.errorType != null)
					? operation.attributes.toBuilder().put(ErrorAttributes.ERROR_TYPE, operation.errorType).build()
					: operation.attributes;
			operation.duration.record(SpanTiming.seconds(operation.span, operation.start), attributes,
					Context.root().with(operation.span));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the duration of a Kafka operation", ex);
		}
	}

	static Log logger() {
		return logger;
	}

}
