package dev.otelspring.autoconfigure.kafka;

import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Makes each batch a batch listener processes one CONSUMER span, linked to the trace of
 * every record in it, current while the listener runs. A batch that fails stays current
 * until the error handler is done with it (so a dead-letter publish is inside it) and
 * ends at the next batch or when the poll is over; each in-memory retry of the batch is a
 * span of its own. The interceptor the application had runs as before.
 */
final class TracingBatchInterceptor implements BatchInterceptor<Object, Object> {

	private final Supplier<KafkaTracing> tracing;

	private final BatchInterceptor<Object, Object> delegate;

	private final ProcessingSpans spans;

	TracingBatchInterceptor(Supplier<KafkaTracing> tracing, BatchInterceptor<Object, Object> delegate) {
		this.tracing = tracing;
		this.delegate = delegate;
		this.spans = new ProcessingSpans(tracing);
	}

	BatchInterceptor<Object, Object> delegate() {
		return this.delegate;
	}

	@Override
	public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
			Consumer<Object, Object> consumer) {
		ConsumerRecords<Object, Object> intercepted = (this.delegate != null)
				? this.delegate.intercept(records, consumer) : records;
		if (intercepted == null || intercepted.isEmpty()) {
			this.spans.end();
			return intercepted;
		}
		this.spans.begin(this.tracing.get().startBatch(intercepted, TracingRecordInterceptor.groupId(consumer)));
		return intercepted;
	}

	@Override
	public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.success(records, consumer);
			}
		}
		finally {
			this.spans.end();
		}
	}

	@Override
	public void failure(ConsumerRecords<Object, Object> records, Exception exception,
			Consumer<Object, Object> consumer) {
		this.spans.fail(exception);
		if (this.delegate != null) {
			this.delegate.failure(records, exception, consumer);
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

}
