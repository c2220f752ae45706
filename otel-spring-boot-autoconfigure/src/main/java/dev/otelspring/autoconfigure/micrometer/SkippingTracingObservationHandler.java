package dev.otelspring.autoconfigure.micrometer;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * A Micrometer tracing handler that makes no span for the observations this starter
 * already traces (their contexts' types are given); every other observation goes to the
 * handler it wraps. For a skipped observation it still leaves the tracing context that
 * Micrometer's metrics handler expects, holding the span current when the observation
 * started (this starter's), so the observation's timer is recorded, with that span as its
 * exemplar.
 */
final class SkippingTracingObservationHandler implements TracingObservationHandler<Observation.Context> {

	private final TracingObservationHandler<Observation.Context> delegate;

	private final List<Class<?>> skipped;

	SkippingTracingObservationHandler(TracingObservationHandler<Observation.Context> delegate, List<Class<?>> skipped) {
		this.delegate = delegate;
		this.skipped = skipped;
	}

	TracingObservationHandler<Observation.Context> delegate() {
		return this.delegate;
	}

	private boolean isSkipped(Observation.Context context) {
		for (Class<?> type : this.skipped) {
			if (type.isInstance(context)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return isSkipped(context) || this.delegate.supportsContext(context);
	}

	@Override
	public void onStart(Observation.Context context) {
		if (!isSkipped(context)) {
			this.delegate.onStart(context);
			return;
		}
		TracingContext tracingContext = new TracingContext();
		try {
			Span current = this.delegate.getTracer().currentSpan();
			if (current != null) {
				tracingContext.setSpan(current);
			}
		}
		catch (RuntimeException ex) {
			// no exemplar then; the observation itself goes on
		}
		context.put(TracingContext.class, tracingContext);
	}

	@Override
	public void onError(Observation.Context context) {
		if (!isSkipped(context)) {
			this.delegate.onError(context);
		}
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
		if (!isSkipped(context)) {
			this.delegate.onEvent(event, context);
		}
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		if (!isSkipped(context)) {
			this.delegate.onScopeOpened(context);
		}
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		if (!isSkipped(context)) {
			this.delegate.onScopeClosed(context);
		}
	}

	@Override
	public void onScopeReset(Observation.Context context) {
		if (!isSkipped(context)) {
			this.delegate.onScopeReset(context);
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		if (!isSkipped(context)) {
			this.delegate.onStop(context);
		}
	}

	@Override
	public Tracer getTracer() {
		return this.delegate.getTracer();
	}

}
