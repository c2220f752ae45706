package dev.otelspring.autoconfigure.scheduling;

import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.internal.StatusDescriptions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.CodeAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Starts, fails and ends the root span of one scheduled run, for {@code @Scheduled}
 * methods and for the tasks of {@code SchedulingConfigurer}s alike. Every call into the
 * SDK is guarded: a failure of tracing costs the span, never the run.
 */
final class ScheduledRuns {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.scheduling";

	private static final Log logger = LogFactory.getLog(ScheduledRuns.class);

	private final ObjectProvider<OpenTelemetry> openTelemetry;

	private volatile Tracer tracer;

	ScheduledRuns(ObjectProvider<OpenTelemetry> openTelemetry) {
		this.openTelemetry = openTelemetry;
	}

	/**
	 * Starts a run's span, the root of a trace of its own, and makes it current.
	 * @param name the span's name
	 * @param function the {@code code.function.name}
	 * @return the run, to be ended with {@link #end(Run)}
	 */
	Run start(String name, String function) {
		Span span;
		try {
			span = tracer().spanBuilder(name)
				.setNoParent()
				.setSpanKind(SpanKind.INTERNAL)
				.setAttribute(CodeAttributes.CODE_FUNCTION_NAME, function)
				.startSpan();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start the span of a scheduled run", ex);
			return Run.NONE;
		}
		return new Run(span, Guarded.makeCurrent(Context.root().with(span), logger));
	}

	/**
	 * Marks a run failed: {@code error.type}, the exception recorded, ERROR status.
	 * @param run the run
	 * @param failure what it threw
	 */
	void fail(Run run, Throwable failure) {
		if (run.span() == null) {
			return;
		}
		try {
			run.span().setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
			run.span().recordException(failure);
			run.span().setStatus(StatusCode.ERROR, StatusDescriptions.of(failure.getMessage()));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the failure of a scheduled run", ex);
		}
	}

	/**
	 * Leaves the run's scope and ends its span.
	 * @param run the run
	 */
	void end(Run run) {
		Guarded.close(run.scope(), logger);
		if (run.span() != null) {
			Guarded.end(run.span(), logger);
		}
	}

	private Tracer tracer() {
		Tracer tracer = this.tracer;
		if (tracer == null) {
			tracer = this.openTelemetry.getIfAvailable(OpenTelemetry::noop).getTracer(INSTRUMENTATION_NAME);
			this.tracer = tracer;
		}
		return tracer;
	}

	/**
	 * A run's span and scope.
	 *
	 * @param span the span, or {@code null} when it could not be started
	 * @param scope its scope
	 */
	record Run(Span span, Scope scope) {

		static final Run NONE = new Run(null, Scope.noop());

	}

}
