package dev.otelspring.autoconfigure.context;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.publisher.Hooks;

/**
 * Carries the OpenTelemetry context through Reactor pipelines with Reactor's own
 * automatic context propagation: the instrumentation writes the context into the
 * subscriber context under {@link #KEY}, and a {@link ThreadLocalAccessor} for it, in the
 * {@code context-propagation} library's registry, makes it current wherever Reactor
 * restores thread-locals (operators, {@code flatMap} onto other schedulers, the handler's
 * code), so spans, log lines and outgoing calls made there belong to it.
 */
public final class ReactorContextPropagation {

	/** The key of the OpenTelemetry context in a Reactor subscriber context. */
	public static final String KEY = "dev.otelspring.context";

	private ReactorContextPropagation() {
	}

	/**
	 * Registers the accessor and turns on Reactor's automatic propagation (what
	 * {@code spring.reactor.context-propagation=auto} does). Idempotent.
	 */
	public static void install() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new OpenTelemetryContextAccessor());
		Hooks.enableAutomaticContextPropagation();
	}

	/**
	 * Makes the OpenTelemetry context of the subscriber context current while Reactor
	 * runs code for that subscriber, and restores the one before afterwards.
	 */
	static final class OpenTelemetryContextAccessor implements ThreadLocalAccessor<Context> {

		private static final ThreadLocal<Deque<Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

		@Override
		public Object key() {
			return KEY;
		}

		@Override
		public Context getValue() {
			Context current = Context.current();
			return (current != Context.root()) ? current : null;
		}

		@Override
		public void setValue(Context value) {
			scopes.get().push(value.makeCurrent());
		}

		@Override
		public void setValue() {
			scopes.get().push(Context.root().makeCurrent());
		}

		@Override
		public void restore(Context previousValue) {
			closeLast();
		}

		@Override
		public void restore() {
			closeLast();
		}

		private static void closeLast() {
			Scope scope = scopes.get().poll();
			if (scope != null) {
				scope.close();
			}
		}

	}

}
