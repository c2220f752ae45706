package dev.otelspring.autoconfigure.aop;

import java.util.concurrent.CompletionException;

import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.internal.StatusDescriptions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * Ends and fails {@code @Traced} spans, for the interceptor and for results that complete
 * later. A span processor that throws costs the span, never the caller.
 */
final class TracedSpans {

	static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			TracedSpans.class.getClassLoader());

	static final int MAX_DESCRIPTION_LENGTH = StatusDescriptions.MAX_LENGTH;

	private static final Log logger = LogFactory.getLog(TracedSpans.class);

	private TracedSpans() {
	}

	static void end(Span span) {
		Guarded.end(span, logger);
	}

	static void fail(Span span, Throwable failure) {
		try {
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR, description(failure.getMessage()));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the failure on a @Traced span", ex);
		}
	}

	/**
	 * Returns the status description for an exception message, which may hold client
	 * input: at most {@value #MAX_DESCRIPTION_LENGTH} characters. The whole message stays
	 * on the exception event, under the attribute length limit.
	 * @param message the message, or {@code null}
	 * @return the description
	 */
	static String description(String message) {
		return StatusDescriptions.of(message);
	}

	static Throwable unwrap(Throwable failure) {
		if (failure instanceof CompletionException && failure.getCause() != null) {
			return failure.getCause();
		}
		return failure;
	}

}
