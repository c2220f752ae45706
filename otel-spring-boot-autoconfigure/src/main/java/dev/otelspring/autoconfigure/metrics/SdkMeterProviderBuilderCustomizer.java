package dev.otelspring.autoconfigure.metrics;

import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;

/**
 * Customizes the {@link SdkMeterProviderBuilder} after the starter has configured it from
 * the {@code otel.*} settings: views, further readers, resource changes. Customizers run
 * in order and have the last word.
 */
@FunctionalInterface
public interface SdkMeterProviderBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(SdkMeterProviderBuilder builder);

}
