package dev.otelspring.autoconfigure.aop;

import io.opentelemetry.api.trace.Span;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Ends a {@code @Traced} span when a {@link Mono} or {@link Flux} terminates or is
 * cancelled. Loaded only when Reactor is on the classpath.
 */
final class ReactorSupport {

	private ReactorSupport() {
	}

	static boolean isReactive(Object result) {
		return result instanceof Mono || result instanceof Flux;
	}

	static boolean isReactiveType(Class<?> type) {
		return Mono.class.isAssignableFrom(type) || Flux.class.isAssignableFrom(type);
	}

	static Object endOnTermination(Span span, Object result) {
		if (result instanceof Mono<?> mono) {
			return mono.doOnError((failure) -> TracedSpans.fail(span, failure))
				.doFinally((signal) -> end(span, signal));
		}
		return ((Flux<?>) result).doOnError((failure) -> TracedSpans.fail(span, failure))
			.doFinally((signal) -> end(span, signal));
	}

	private static void end(Span span, SignalType signal) {
		if (signal == SignalType.CANCEL) {
			span.setAttribute("reactor.cancelled", true);
		}
		TracedSpans.end(span);
	}

}
