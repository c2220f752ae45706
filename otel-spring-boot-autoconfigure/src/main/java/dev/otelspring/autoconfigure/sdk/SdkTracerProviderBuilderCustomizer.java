package dev.otelspring.autoconfigure.sdk;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;

/**
 * Callback to adjust the {@link SdkTracerProviderBuilder} after the {@code otel.*}
 * properties have been applied, so that the application's code has the last word. Every
 * bean of this type is applied, in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface SdkTracerProviderBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, already configured from properties
	 */
	void customize(SdkTracerProviderBuilder builder);

}
