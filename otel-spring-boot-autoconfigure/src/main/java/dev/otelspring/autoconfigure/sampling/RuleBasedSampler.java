package dev.otelspring.autoconfigure.sampling;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Applies {@link SamplingRule}s in order, the first match deciding, and falls through to
 * another sampler when none matches. Thread-safe.
 */
final class RuleBasedSampler implements Sampler {

	private final SamplingRule[] rules;

	private final Sampler fallback;

	RuleBasedSampler(List<SamplingRule> rules, Sampler fallback) {
		this.rules = rules.toArray(SamplingRule[]::new);
		this.fallback = fallback;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		for (SamplingRule rule : this.rules) {
			if (rule.matches(name, spanKind, attributes)) {
				return rule.isSample() ? SamplingResult.recordAndSample() : SamplingResult.drop();
			}
		}
		return this.fallback.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "RuleBasedSampler{rules=" + List.of(this.rules) + ", fallback=" + this.fallback.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
