package dev.otelspring.autoconfigure.sampling;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;

/**
 * Tells an instrumentation, before it builds a span's attributes, that the span will not
 * be recorded whatever they say: its parent was not sampled and the head sampler follows
 * that decision. Most requests of a service behind a sampling edge take this path (the
 * caller sent {@code traceparent} with the sampled flag off), and so does every child
 * span of an unsampled request; such a span only carries the context on, so the
 * instrumentation starts it without attributes and reads nothing from the request for it.
 *
 * <p>
 * Known only for the samplers this starter builds from {@code otel.traces.sampler}: the
 * {@code parentbased_*} ones (a caller's decision is followed unless
 * {@code otel.spring.sampling.trust-remote-parent=false}) and {@code rate_limiting} (for
 * parents in this process). With sampling rules, an application's own {@code Sampler} or
 * {@code OpenTelemetry}, nothing is known and every span gets its attributes before the
 * sampler decides, as the semantic conventions ask. Immutable and thread-safe.
 */
public final class UnsampledParents {

	private static final UnsampledParents UNKNOWN = new UnsampledParents(false, false);

	private final boolean followsLocal;

	private final boolean followsRemote;

	UnsampledParents(boolean followsLocal, boolean followsRemote) {
		this.followsLocal = followsLocal;
		this.followsRemote = followsRemote;
	}

	/**
	 * Returns what is known of the head sampler of an {@link OpenTelemetry}.
	 * @param openTelemetry the instance the instrumentation's tracer comes from
	 * @return what its sampler does with unsampled parents, as far as it is known
	 */
	public static UnsampledParents of(OpenTelemetry openTelemetry) {
		if (openTelemetry instanceof OpenTelemetrySdk sdk
				&& sdk.getSdkTracerProvider().getSampler() instanceof ParentFollowingSampler sampler) {
			return sampler.unsampledParents();
		}
		return UNKNOWN;
	}

	/**
	 * Returns whether a span started with the given parent is certainly dropped, whatever
	 * its name, kind and attributes.
	 * @param parent the parent context the span starts with
	 * @return {@code true} when the parent is a span that was not sampled and the sampler
	 * follows it
	 */
	public boolean dropsChildOf(Context parent) {
		if (!this.followsLocal && !this.followsRemote) {
			return false;
		}
		SpanContext spanContext = Span.fromContext(parent).getSpanContext();
		if (!spanContext.isValid() || spanContext.isSampled()) {
			return false;
		}
		return spanContext.isRemote() ? this.followsRemote : this.followsLocal;
	}

}
