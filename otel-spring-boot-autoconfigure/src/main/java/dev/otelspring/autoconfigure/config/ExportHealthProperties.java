package dev.otelspring.autoconfigure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * The span export health indicator, under {@code otel.spring.export.health}.
 *
 * @param enabled whether to contribute an "otelSpanExport" health indicator when Spring
 * Boot Actuator is present
 * @param failureThreshold how many exports in a row must fail before the indicator stops
 * reporting UP
 * @param failingStatus the status reported once exports keep failing: a custom status
 * such as DEGRADED (the default, which does not take the instance out of service), or
 * DOWN
 */
@ConfigurationProperties("otel.spring.export.health")
public record ExportHealthProperties(@DefaultValue("true") boolean enabled, @DefaultValue("3") int failureThreshold,
		@DefaultValue("DEGRADED") String failingStatus) {

	/**
	 * Checks each value.
	 */
	public ExportHealthProperties {
		Validation.requireAtLeast(OtelPropertyNames.EXPORT_HEALTH + ".failure-threshold", failureThreshold, 1);
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static ExportHealthProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.EXPORT_HEALTH, ExportHealthProperties.class);
	}

}
