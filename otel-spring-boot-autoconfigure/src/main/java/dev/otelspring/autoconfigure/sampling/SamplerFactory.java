package dev.otelspring.autoconfigure.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Builds the head {@link Sampler} named by {@code otel.traces.sampler}, with its argument from
 * {@code otel.traces.sampler.arg}.
 */
public final class SamplerFactory {

	/** The property that names the sampler. */
	public static final String SAMPLER = "otel.traces.sampler";

	/** The property that holds the sampler's argument. */
	public static final String SAMPLER_ARG = "otel.traces.sampler.arg";

	static final String VALID_SAMPLERS = "always_on, always_off, traceidratio, parentbased_always_on (the default), "
			+ "parentbased_always_off, parentbased_traceidratio, rate_limiting, parentbased_rate_limiting";

	static final double DEFAULT_RATE = 100;

	static final String RULES = "otel.spring.sampling.rules";

	private SamplerFactory() {
	}

	/**
	 * Creates the configured sampler.
	 * @param properties the properties to read
	 * @return the sampler
	 * @throws InvalidOtelPropertyException for an unknown sampler or an invalid argument
	 */
	public static Sampler create(OtelProperties properties) {
		Sampler sampler = head(properties);
		List<SamplingRule> rules = rules(properties.bind("otel.spring.sampling", SamplingProperties.class));
		return rules.isEmpty() ? sampler : new RuleBasedSampler(rules, sampler);
	}

	private static Sampler head(OtelProperties properties) {
		String configured = properties.getString(SAMPLER);
		String name = (configured != null) ? configured.toLowerCase(Locale.ROOT) : "parentbased_always_on";
		return switch (name) {
			case "always_on" -> Sampler.alwaysOn();
			case "always_off" -> Sampler.alwaysOff();
			case "traceidratio" -> Sampler.traceIdRatioBased(ratio(properties));
			case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
			case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
			case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio(properties)));
			case "rate_limiting" -> new RateLimitingSampler(rate(properties));
			case "parentbased_rate_limiting" -> Sampler.parentBased(new RateLimitingSampler(rate(properties)));
			default -> throw new InvalidOtelPropertyException(SAMPLER, configured, VALID_SAMPLERS);
		};
	}

	static double rate(OtelProperties properties) {
		String arg = properties.getString(SAMPLER_ARG);
		if (arg == null) {
			return DEFAULT_RATE;
		}
		try {
			double rate = Double.parseDouble(arg);
			if (rate > 0 && !Double.isInfinite(rate)) {
				return rate;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidOtelPropertyException(SAMPLER_ARG, arg,
				"the most traces per second for the rate-limiting samplers, a number above 0 (default 100)");
	}

	static List<SamplingRule> rules(SamplingProperties properties) {
		List<SamplingRule> rules = new ArrayList<>();
		List<SamplingProperties.Rule> configured = properties.getRules();
		for (int i = 0; i < configured.size(); i++) {
			SamplingProperties.Rule rule = configured.get(i);
			String key = RULES + "[" + i + "]";
			if (rule.getAction() == null) {
				throw new InvalidOtelPropertyException(key + ".action", "(not set)", "drop or sample");
			}
			if (rule.getSpanKind() == null && isBlank(rule.getName()) && isBlank(rule.getUrlPath())
					&& isBlank(rule.getHttpRoute())) {
				throw new InvalidOtelPropertyException(key, "(no condition)",
						"at least one of span-kind, name, url-path or http-route");
			}
			SpanKind kind = (rule.getSpanKind() != null) ? SpanKind.valueOf(rule.getSpanKind().name()) : null;
			rules.add(new SamplingRule(rule.getAction() == SamplingProperties.Action.SAMPLE, kind, rule.getName(),
					rule.getUrlPath(), rule.getHttpRoute()));
		}
		return rules;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	static double ratio(OtelProperties properties) {
		String arg = properties.getString(SAMPLER_ARG);
		if (arg == null) {
			return 1.0;
		}
		try {
			double ratio = Double.parseDouble(arg);
			if (ratio >= 0.0 && ratio <= 1.0) {
				return ratio;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidOtelPropertyException(SAMPLER_ARG, arg, "a sampling ratio from 0.0 to 1.0");
	}

}
