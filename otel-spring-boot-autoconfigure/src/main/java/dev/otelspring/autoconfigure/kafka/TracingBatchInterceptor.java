package dev.otelspring.autoconfigure.kafka;

import java.util.function.Supplier;

import dev.otelspring.autoconfigure.internal.Guarded;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Makes each batch a batch listener processes one CONSUMER span, linked to the trace of
 * every record in it, current while the listener runs. A batch that fails stays current
 * until the error handler is done with it (so a dead-letter publish is inside it) and
 * ends at the next batch or when the poll is over; each in-memory retry of the batch is a
 * span of its own. The interceptor the application had runs as before.
 */
final class TracingBatchInterceptor implements BatchInterceptor<Object, Object> {

	/** The span of the batch being processed on this consumer thread, and its scope. */
	private static final ThreadLocal<TracingRecordInterceptor.Processing> CURRENT = new ThreadLocal<>();

	private final Supplier<KafkaTracing> tracing;

	private final BatchInterceptor<Object, Object> delegate;

	TracingBatchInterceptor(Supplier<KafkaTracing> tracing, BatchInterceptor<Object, Object> delegate) {
		this.tracing = tracing;
		this.delegate = delegate;
	}

	BatchInterceptor<Object, Object> delegate() {
		return this.delegate;
	}

	@Override
	public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
			Consumer<Object, Object> consumer) {
		ConsumerRecords<Object, Object> intercepted = (this.delegate != null)
				? this.delegate.intercept(records, consumer) : records;
		end();
		if (intercepted == null || intercepted.isEmpty()) {
			return intercepted;
		}
		Span span = this.tracing.get().startBatch(intercepted, TracingRecordInterceptor.groupId(consumer));
		if (span != null) {
			Scope scope = Guarded.makeCurrent(Context.root().with(span), KafkaTracing.logger());
			CURRENT.set(new TracingRecordInterceptor.Processing(span, scope));
		}
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
			end();
		}
	}

	@Override
	public void failure(ConsumerRecords<Object, Object> records, Exception exception,
			Consumer<Object, Object> consumer) {
		TracingRecordInterceptor.Processing processing = CURRENT.get();
		if (processing != null) {
			Throwable failure = (exception instanceof ListenerExecutionFailedException && exception.getCause() != null)
					? exception.getCause() : exception;
			this.tracing.get().fail(processing.span(), failure);
		}
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
			end();
		}
	}

	private void end() {
		TracingRecordInterceptor.Processing processing = CURRENT.get();
		if (processing != null) {
			CURRENT.remove();
			Guarded.close(processing.scope(), KafkaTracing.logger());
			this.tracing.get().end(processing.span());
		}
	}

}
