package dev.otelspring.autoconfigure.sampling;

import java.util.Map;

import dev.otelspring.autoconfigure.config.SamplerSettings;
import dev.otelspring.autoconfigure.config.SamplingProperties;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The head sampler the starter builds, for the benchmarks' SDK.
 */
public final class StarterSamplers {

	private StarterSamplers() {
	}

	/**
	 * Returns the sampler of an application that sets no sampling keys.
	 * @return the sampler
	 */
	public static Sampler defaults() {
		return of(Map.of());
	}

	/**
	 * Returns the sampler of an application that sets the given keys.
	 * @param properties the keys and their values, {@code otel.traces.sampler} say
	 * @return the sampler
	 */
	public static Sampler of(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		return SamplerFactory.create(SamplerSettings.from(environment), SamplingProperties.from(environment));
	}

}
