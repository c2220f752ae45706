package dev.otelspring.autoconfigure.sampling;

import java.util.Locale;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
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
			+ "parentbased_always_off, parentbased_traceidratio";

	private SamplerFactory() {
	}

	/**
	 * Creates the configured sampler.
	 * @param properties the properties to read
	 * @return the sampler
	 * @throws InvalidOtelPropertyException for an unknown sampler or an invalid argument
	 */
	public static Sampler create(OtelProperties properties) {
		String configured = properties.getString(SAMPLER);
		String name = (configured != null) ? configured.toLowerCase(Locale.ROOT) : "parentbased_always_on";
		return switch (name) {
			case "always_on" -> Sampler.alwaysOn();
			case "always_off" -> Sampler.alwaysOff();
			case "traceidratio" -> Sampler.traceIdRatioBased(ratio(properties));
			case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
			case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
			case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio(properties)));
			default -> throw new InvalidOtelPropertyException(SAMPLER, configured, VALID_SAMPLERS);
		};
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
