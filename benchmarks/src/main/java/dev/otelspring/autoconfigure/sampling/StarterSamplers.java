package dev.otelspring.autoconfigure.sampling;

import dev.otelspring.autoconfigure.config.SamplerSettings;
import dev.otelspring.autoconfigure.config.SamplingProperties;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.core.env.StandardEnvironment;

/**
 * The head sampler the starter builds when nothing is configured, for the benchmarks'
 * SDK.
 */
public final class StarterSamplers {

	private StarterSamplers() {
	}

	/**
	 * Returns the sampler of an application that sets no sampling keys.
	 * @return the sampler
	 */
	public static Sampler defaults() {
		StandardEnvironment environment = new StandardEnvironment();
		return SamplerFactory.create(SamplerSettings.from(environment), SamplingProperties.from(environment));
	}

}
