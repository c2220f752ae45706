package dev.otelspring.autoconfigure.config;

import org.springframework.core.env.Environment;

/**
 * The head sampler named by {@code otel.traces.sampler}, with its argument from
 * {@code otel.traces.sampler.arg}.
 *
 * @param type the sampler
 * @param ratio the fraction of traces sampled by the ratio samplers, from 0.0 to 1.0
 * @param rate the most new traces per second of the rate-limiting samplers, above 0
 */
public record SamplerSettings(SamplerType type, double ratio, double rate) {

	/** The rate-limiting samplers' default rate, in traces per second. */
	public static final double DEFAULT_RATE = 100;

	/**
	 * Reads and validates the settings; the argument is read only for a sampler that
	 * takes one.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static SamplerSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		String configured = properties.getString(OtelPropertyNames.TRACES_SAMPLER);
		SamplerType type = (configured != null)
				? PropertyValues.parse(OtelPropertyNames.TRACES_SAMPLER, configured, SamplerType.class)
				: SamplerType.PARENT_BASED_ALWAYS_ON;
		String arg = properties.getString(OtelPropertyNames.TRACES_SAMPLER_ARG);
		double ratio = switch (type) {
			case TRACE_ID_RATIO, PARENT_BASED_TRACE_ID_RATIO -> ratio(arg);
			default -> 1.0;
		};
		double rate = switch (type) {
			case RATE_LIMITING, PARENT_BASED_RATE_LIMITING -> rate(arg);
			default -> DEFAULT_RATE;
		};
		return new SamplerSettings(type, ratio, rate);
	}

	private static double ratio(String arg) {
		return (arg != null) ? Validation.requireRatio(OtelPropertyNames.TRACES_SAMPLER_ARG, number(arg), arg) : 1.0;
	}

	private static double rate(String arg) {
		return (arg != null) ? Validation.requireRate(OtelPropertyNames.TRACES_SAMPLER_ARG, number(arg), arg)
				: DEFAULT_RATE;
	}

	private static double number(String arg) {
		try {
			return Double.parseDouble(arg);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

}
