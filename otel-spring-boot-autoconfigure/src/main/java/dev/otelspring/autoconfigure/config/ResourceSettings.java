package dev.otelspring.autoconfigure.config;

import java.util.Map;

import org.springframework.core.env.Environment;

/**
 * What describes this service: {@code otel.service.name},
 * {@code otel.resource.attributes} and {@code spring.application.name}.
 *
 * @param serviceName the value of {@code otel.service.name}, or {@code null}
 * @param attributes the entries of {@code otel.resource.attributes}, in order
 * @param applicationName the value of {@code spring.application.name}, or {@code null}
 */
public record ResourceSettings(String serviceName, Map<String, String> attributes, String applicationName) {

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static ResourceSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		return new ResourceSettings(properties.getString(OtelPropertyNames.SERVICE_NAME),
				properties.getMap(OtelPropertyNames.RESOURCE_ATTRIBUTES, false),
				properties.getString("spring.application.name"));
	}

}
