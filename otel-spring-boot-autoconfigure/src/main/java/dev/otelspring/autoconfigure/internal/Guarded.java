package dev.otelspring.autoconfigure.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;

/**
 * Span and scope operations that never throw into the caller: a failure of the SDK, of a
 * span processor bean or of the context storage is logged at DEBUG and costs the span,
 * never the request or the call.
 */
public final class Guarded {

	private Guarded() {
	}

	/**
	 * Makes the context current; if the context storage fails, the work runs without it.
	 * @param context the context
	 * @param logger where a failure is logged
	 * @return the scope to close, a no-op one after a failure
	 */
	public static Scope makeCurrent(Context context, Log logger) {
		try {
			return context.makeCurrent();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not make the span current", ex);
			return Scope.noop();
		}
	}

	/**
	 * Closes the scope.
	 * @param scope the scope
	 * @param logger where a failure is logged
	 */
	public static void close(Scope scope, Log logger) {
		try {
			scope.close();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not close the span's scope", ex);
		}
	}

	/**
	 * Ends the span.
	 * @param span the span
	 * @param logger where a failure is logged
	 */
	public static void end(Span span, Log logger) {
		try {
			span.end();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not end a span", ex);
		}
	}

}
