package dev.otelspring.autoconfigure.kafka;

import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Makes each record a record listener processes a CONSUMER span, continuing the trace of
 * the record's headers, current while the listener runs (so its statements, calls and log
 * lines are inside it) and through the error handler (so a dead-letter publish is inside
 * it), failed when the listener throws. The interceptor the application had runs as
 * before, around the traced part.
 */
final class TracingRecordInterceptor implements RecordInterceptor<Object, Object> {

	private final Supplier<KafkaTracing> tracing;

	private final RecordInterceptor<Object, Object> delegate;

	private final ProcessingSpans spans;

	TracingRecordInterceptor(Supplier<KafkaTracing> tracing, RecordInterceptor<Object, Object> delegate) {
		this.tracing = tracing;
		this.delegate = delegate;
		this.spans = new ProcessingSpans(tracing);
	}

	RecordInterceptor<Object, Object> delegate() {
		return this.delegate;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		ConsumerRecord<Object, Object> intercepted = (this.delegate != null) ? this.delegate.intercept(record, consumer)
				: record;
		if (intercepted == null) {
			return null;
		}
		this.spans.begin(this.tracing.get().startProcess(intercepted, groupId(consumer)));
		return intercepted;
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		if (this.delegate != null) {
			this.delegate.success(record, consumer);
		}
	}

	@Override
	public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
		this.spans.fail(exception);
		if (this.delegate != null) {
			this.delegate.failure(record, exception, consumer);
		}
	}

	@Override
	public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.afterRecord(record, consumer);
			}
		}
		finally {
			this.spans.end();
		}
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		if (this.delegate != null) {
			this.delegate.setupThreadState(consumer);
		}
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.clearThreadState(consumer);
			}
		}
		finally {
			this.spans.end();
		}
	}

	static String groupId(Consumer<?, ?> consumer) {
		try {
			return (consumer != null) ? consumer.groupMetadata().groupId() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
