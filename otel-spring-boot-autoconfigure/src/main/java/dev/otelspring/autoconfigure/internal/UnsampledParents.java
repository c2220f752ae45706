package dev.otelspring.autoconfigure.internal;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Tells an instrumentation, before it builds a span's attributes, that the span will not
 * be recorded whatever they say: its parent was not sampled and the head sampler follows
 * that decision. Most requests of a service behind a sampling edge take this path (the
 * caller sent {@code traceparent} with the sampled flag off), and so does every child
 * span of an unsampled request; such a span only carries the context on, so the
 * instrumentation starts it without attributes and reads nothing from the request for it.
 *
 * <p>
 * Known only for a sampler the starter marked with
 * {@link #followedBy(Sampler, boolean, boolean)} (the ones it builds from
 * {@code otel.traces.sampler} that follow parents). With sampling rules, an application's
 * own {@code Sampler} or {@code OpenTelemetry}, nothing is known and every span gets its
 * attributes before the sampler decides, as the semantic conventions ask.
 *
 * <p>
 * It also tells whether a span's attributes may wait until the span is known to record
 * ({@link #attributesAfterStart()}): a marked sampler decides without looking at them,
 * and when it drops traces at the root (a ratio below one, a rate), the attributes of the
 * spans it drops need not be built at all; at a low ratio, or a rate below the traffic,
 * that is most of them. Immutable and thread-safe.
 */
public final class UnsampledParents {

	private static final UnsampledParents UNKNOWN = new UnsampledParents(false, false, false);

	private final boolean followsLocal;

	private final boolean followsRemote;

	private final boolean dropsRoots;

	private UnsampledParents(boolean followsLocal, boolean followsRemote, boolean dropsRoots) {
		this.followsLocal = followsLocal;
		this.followsRemote = followsRemote;
		this.dropsRoots = dropsRoots;
	}

	/**
	 * Marks a sampler as one that drops every span whose parent in this process was not
	 * sampled, and a caller's unsampled parent's too when {@code followsRemoteParents}.
	 * The sampler must decide without looking at a span's name, kind or attributes. It
	 * decides and describes itself exactly as the sampler it wraps.
	 * @param sampler the sampler, which must do what the mark says
	 * @param followsRemoteParents whether it also drops the children of a caller's
	 * unsampled span
	 * @param dropsRoots whether it drops some of the spans that have no parent to follow
	 * @return the marked sampler
	 */
	public static Sampler followedBy(Sampler sampler, boolean followsRemoteParents, boolean dropsRoots) {
		return new Marked(sampler, new UnsampledParents(true, followsRemoteParents, dropsRoots));
	}

	/**
	 * Returns what is known of the head sampler of an {@link OpenTelemetry}.
	 * @param openTelemetry the instance the instrumentation's tracer comes from
	 * @return what its sampler does with unsampled parents, as far as it is known
	 */
	public static UnsampledParents of(OpenTelemetry openTelemetry) {
		if (openTelemetry instanceof OpenTelemetrySdk sdk
				&& sdk.getSdkTracerProvider().getSampler() instanceof Marked marked) {
			return marked.unsampledParents;
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

	/**
	 * Returns whether an instrumentation may start a span without its attributes and set
	 * them only when the span records. The sampler's decision is the same either way;
	 * what changes is that span processors see the attributes at the span's end, not in
	 * {@code onStart}, and a value one sets there is overwritten. True for a marked
	 * sampler that drops traces at the root, false when nothing is known or every root
	 * span is recorded anyway.
	 * @return whether attributes may be set after the span starts
	 */
	public boolean attributesAfterStart() {
		return this.dropsRoots;
	}

	/** A sampler with what it is known to do with unsampled parents. */
	private static final class Marked implements Sampler {

		private final Sampler delegate;

		private final UnsampledParents unsampledParents;

		Marked(Sampler delegate, UnsampledParents unsampledParents) {
			this.delegate = delegate;
			this.unsampledParents = unsampledParents;
		}

		@Override
		public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
				Attributes attributes, List<LinkData> parentLinks) {
			return this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
		}

		@Override
		public String getDescription() {
			return this.delegate.getDescription();
		}

		@Override
		public String toString() {
			return this.delegate.toString();
		}

	}

}
