package dev.otelspring.autoconfigure.sampling;

import java.util.ArrayList;
import java.util.List;

import dev.otelspring.autoconfigure.config.SamplerSettings;
import dev.otelspring.autoconfigure.config.SamplingProperties;
import dev.otelspring.autoconfigure.internal.UnsampledParents;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Builds the head {@link Sampler} the settings name, behind the configured sampling
 * rules.
 */
final class SamplerFactory {

	private SamplerFactory() {
	}

	static Sampler create(SamplerSettings settings, SamplingProperties sampling) {
		Sampler sampler = head(settings, sampling.trustRemoteParent());
		List<SamplingRule> rules = rules(sampling);
		return rules.isEmpty() ? sampler : new RuleBasedSampler(rules, sampler);
	}

	private static Sampler head(SamplerSettings settings, boolean trustRemoteParent) {
		return switch (settings.type()) {
			case ALWAYS_ON -> Sampler.alwaysOn();
			case ALWAYS_OFF -> Sampler.alwaysOff();
			case TRACE_ID_RATIO -> Sampler.traceIdRatioBased(settings.ratio());
			case PARENT_BASED_ALWAYS_ON -> parentBased(Sampler.alwaysOn(), trustRemoteParent, false);
			case PARENT_BASED_ALWAYS_OFF -> parentBased(Sampler.alwaysOff(), trustRemoteParent, true);
			case PARENT_BASED_TRACE_ID_RATIO ->
				parentBased(Sampler.traceIdRatioBased(settings.ratio()), trustRemoteParent, settings.ratio() < 1.0);
			case RATE_LIMITING -> UnsampledParents.followedBy(new RateLimitingSampler(settings.rate()), false, true);
			case PARENT_BASED_RATE_LIMITING ->
				parentBased(new RateLimitingSampler(settings.rate()), trustRemoteParent, true);
		};
	}

	/**
	 * Returns the SDK's parent-based sampler over the root sampler; without trust in
	 * remote parents, a caller's sampled flag is ignored and the root sampler decides.
	 * Either way it follows an unsampled parent in this process, which
	 * {@link UnsampledParents} makes known to the instrumentations.
	 * @param root the sampler for spans without a parent to follow
	 * @param trustRemoteParent whether a remote parent's decision is followed
	 * @param dropsRoots whether the root sampler drops some spans
	 * @return the sampler
	 */
	private static Sampler parentBased(Sampler root, boolean trustRemoteParent, boolean dropsRoots) {
		if (trustRemoteParent) {
			return UnsampledParents.followedBy(Sampler.parentBased(root), true, dropsRoots);
		}
		return UnsampledParents.followedBy(
				Sampler.parentBasedBuilder(root).setRemoteParentSampled(root).setRemoteParentNotSampled(root).build(),
				false, dropsRoots);
	}

	private static List<SamplingRule> rules(SamplingProperties sampling) {
		List<SamplingRule> rules = new ArrayList<>();
		for (SamplingProperties.CompiledRule rule : sampling.compiledRules()) {
			SpanKind kind = (rule.spanKind() != null) ? SpanKind.valueOf(rule.spanKind().name()) : null;
			rules.add(new SamplingRule(rule.sample(), kind, rule.name(), rule.urlPath(), rule.httpRoute()));
		}
		return rules;
	}

}
