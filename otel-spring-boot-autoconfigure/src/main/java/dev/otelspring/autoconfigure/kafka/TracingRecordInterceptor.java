package dev.otelspring.autoconfigure.kafka;

import java.util.function.Supplier;

import dev.otelspring.autoconfigure.internal.Guarded;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Makes each record a record listener processes a CONSUMER span, continuing the trace of
 * the record's headers, current while the listener runs (so its statements, calls and log
 * lines are inside it), failed when the listener throws. The interceptor the application
 * had runs as before, around the traced part.
 */
final class TracingRecordInterceptor implements RecordInterceptor<Object, Object> {

	/** The span of the record being processed on this consumer thread, and its scope. */
	private static final ThreadLocal<Processing> CURRENT = new ThreadLocal<>();

	private final Supplier<KafkaTracing> tracing;

	private final RecordInterceptor<Object, Object> delegate;

	TracingRecordInterceptor(Supplier<KafkaTracing> tracing, RecordInterceptor<Object, Object> delegate) {
		this.tracing = tracing;
		this.delegate = delegate;
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
		end();
		Span span = this.tracing.get().startProcess(intercepted, groupId(consumer));
		if (span != null) {
			Scope scope = Guarded.makeCurrent(Context.root().with(span), KafkaTracing.logger());
			CURRENT.set(new Processing(span, scope));
		}
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
		Processing processing = CURRENT.get();
		if (processing != null) {
			// the listener's own exception, not Spring's wrapper of it
			Throwable failure = (exception instanceof ListenerExecutionFailedException && exception.getCause() != null)
					? exception.getCause() : exception;
			this.tracing.get().fail(processing.span(), failure);
		}
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
			end();
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
		Processing processing = CURRENT.get();
		if (processing != null) {
			CURRENT.remove();
			Guarded.close(processing.scope(), KafkaTracing.logger());
			this.tracing.get().end(processing.span());
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

	/**
	 * A span being processed on a consumer thread, and its scope.
	 *
	 * @param span the span
	 * @param scope its scope
	 */
	record Processing(Span span, Scope scope) {
	}

}
