package dev.otelspring.autoconfigure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * What the W3C {@code baggage} propagator accepts and forwards, under
 * {@code otel.spring.baggage}.
 *
 * @param acceptInbound whether baggage that callers send is taken in (and so forwarded on
 * outgoing calls). Set it to false in services that take requests from callers they do
 * not control
 * @param maxOutboundLength the longest baggage header sent on an outgoing call, in
 * characters; entries that do not fit are left out, in the order they were added
 */
@ConfigurationProperties("otel.spring.baggage")
public record BaggageProperties(@DefaultValue("true") boolean acceptInbound,
		@DefaultValue("4096") int maxOutboundLength) {

	/**
	 * Checks each value.
	 */
	public BaggageProperties {
		Validation.requireAtLeast(OtelPropertyNames.BAGGAGE + ".max-outbound-length", maxOutboundLength, 1);
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static BaggageProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.BAGGAGE, BaggageProperties.class);
	}

}
