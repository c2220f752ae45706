package dev.otelspring.autoconfigure.sampling;

import java.util.List;

import dev.otelspring.autoconfigure.config.PathPattern;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleBasedSamplerTests {

	private static final List<SamplingRule> RULES = List.of(
			new SamplingRule(false, SpanKind.SERVER, null, pattern("/actuator/**"), null),
			new SamplingRule(true, null, null, null, pattern("/api/payments/**")),
			new SamplingRule(false, SpanKind.INTERNAL, pattern("health-*"), null, null));

	private static PathPattern pattern(String pattern) {
		return PathPattern.compile("test", pattern);
	}

	private RuleBasedSampler sampler = new RuleBasedSampler(RULES, Sampler.alwaysOn());

	@Test
	void firstMatchingRuleDecidesAndTheRestFallsThrough() {
		assertThat(decide("GET", SpanKind.SERVER, "/actuator/health")).isEqualTo(SamplingDecision.DROP);
		assertThat(decide("GET", SpanKind.SERVER, "/actuator")).isEqualTo(SamplingDecision.DROP);
		assertThat(decide("health-check", SpanKind.INTERNAL, null)).isEqualTo(SamplingDecision.DROP);
		// No rule: the fallback (always on here) decides.
		assertThat(decide("GET", SpanKind.SERVER, "/api/orders/1")).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		// The kind must match too.
		assertThat(decide("GET", SpanKind.CLIENT, "/actuator/health")).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		// A sample rule wins over a fallback that would drop.
		this.sampler = new RuleBasedSampler(RULES, Sampler.alwaysOff());
		assertThat(decide("POST", SpanKind.SERVER, "/api/payments/42")).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decide("GET", SpanKind.SERVER, "/api/orders/1")).isEqualTo(SamplingDecision.DROP);
	}

	@Test
	void routeRulesMatchTheRouteWhenKnown() {
		this.sampler = new RuleBasedSampler(RULES, Sampler.alwaysOff());
		Attributes withRoute = Attributes.of(AttributeKey.stringKey("http.route"), "/api/payments/{id}",
				AttributeKey.stringKey("url.path"), "/v2/x");
		assertThat(this.sampler
			.shouldSample(Context.root(), "0af7651916cd43dd8448eb211c80319c", "GET", SpanKind.SERVER, withRoute,
					List.of())
			.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	private SamplingDecision decide(String name, SpanKind kind, String path) {
		Attributes attributes = (path != null) ? Attributes.of(AttributeKey.stringKey("url.path"), path)
				: Attributes.empty();
		return this.sampler
			.shouldSample(Context.root(), "0af7651916cd43dd8448eb211c80319c", name, kind, attributes, List.of())
			.getDecision();
	}

}
