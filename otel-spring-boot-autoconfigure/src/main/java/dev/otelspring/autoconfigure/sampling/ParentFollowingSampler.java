package dev.otelspring.autoconfigure.sampling;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * A head sampler this starter built that is known to drop every span whose parent was not
 * sampled: always for a parent in this process, and for a caller's when remote parents
 * are trusted. It decides exactly as the sampler it wraps (and describes itself the same
 * way); {@link UnsampledParents} reads what it is known to do, so that instrumentations
 * can skip the attributes of spans that will not be recorded.
 */
final class ParentFollowingSampler implements Sampler {

	private final Sampler delegate;

	private final UnsampledParents unsampledParents;

	ParentFollowingSampler(Sampler delegate, boolean followsRemoteParents) {
		this.delegate = delegate;
		this.unsampledParents = new UnsampledParents(true, followsRemoteParents);
	}

	UnsampledParents unsampledParents() {
		return this.unsampledParents;
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
