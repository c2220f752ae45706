package dev.otelspring.autoconfigure.kafka;

import java.util.function.Supplier;

import dev.otelspring.autoconfigure.internal.Guarded;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * The CONSUMER span being processed on each consumer thread, current from when the
 * interceptor starts it until it ends it; one per interceptor.
 */
final class ProcessingSpans {

	private final ThreadLocal<Processing> current = new ThreadLocal<>();

	private final Supplier<KafkaTracing> tracing;

	ProcessingSpans(Supplier<KafkaTracing> tracing) {
		this.tracing = tracing;
	}

	/**
	 * Makes the processing's span current on this thread, ending the one before it, if
	 * any.
	 * @param processing the processing, or {@code null} when none could be started
	 */
	void begin(KafkaOperation processing) {
		end();
		if (processing != null) {
			Scope scope = Guarded.makeCurrent(Context.root().with(processing.span), KafkaTracing.logger());
			this.current.set(new Processing(processing, scope));
		}
	}

	/**
	 * Marks this thread's span failed with the listener's own exception (not Spring's
	 * wrapper of it).
	 * @param exception what the container reported
	 */
	void fail(Exception exception) {
		Processing processing = this.current.get();
		if (processing != null) {
			Throwable failure = (exception instanceof ListenerExecutionFailedException && exception.getCause() != null)
					? exception.getCause() : exception;
			this.tracing.get().fail(processing.operation(), failure);
		}
	}

	/**
	 * Leaves this thread's span's scope and ends it, if there is one.
	 */
	void end() {
		Processing processing = this.current.get();
		if (processing != null) {
			this.current.remove();
			Guarded.close(processing.scope(), KafkaTracing.logger());
			this.tracing.get().end(processing.operation());
		}
	}

	private record Processing(KafkaOperation operation, Scope scope) {
	}

}
