package dev.otelspring.autoconfigure.logs;

import io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder;

/**
 * Customizes the {@link SdkLoggerProviderBuilder} after the starter has configured it
 * from the {@code otel.*} settings. Customizers run in order and have the last word.
 */
@FunctionalInterface
public interface SdkLoggerProviderBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(SdkLoggerProviderBuilder builder);

}
