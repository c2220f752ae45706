package dev.otelspring.autoconfigure.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

/**
 * What describes this service: {@code otel.service.name},
 * {@code otel.resource.attributes}, {@code spring.application.name}, the resource
 * detectors that run ({@code otel.java.enabled.resource.providers},
 * {@code otel.java.disabled.resource.providers}) and the attributes removed from the
 * result ({@code otel.resource.disabled.keys}).
 *
 * @param serviceName the value of {@code otel.service.name}, or {@code null}
 * @param attributes the entries of {@code otel.resource.attributes}, in order
 * @param applicationName the value of {@code spring.application.name}, or {@code null}
 * @param detectors the resource detectors to run
 * @param disabledKeys the attribute keys to leave out of the resource
 */
public record ResourceSettings(String serviceName, Map<String, String> attributes, String applicationName,
		Set<ResourceDetector> detectors, Set<String> disabledKeys) {

	private static final Log logger = LogFactory.getLog(ResourceSettings.class);

	/**
	 * Copies the collections.
	 */
	public ResourceSettings {
		detectors = detectors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(detectors));
		disabledKeys = Set.copyOf(disabledKeys);
	}

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static ResourceSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		List<String> enabled = properties.getNames(OtelPropertyNames.RESOURCE_PROVIDERS_ENABLED);
		List<String> disabled = properties.getNames(OtelPropertyNames.RESOURCE_PROVIDERS_DISABLED);
		warnUnknown(OtelPropertyNames.RESOURCE_PROVIDERS_ENABLED, enabled);
		warnUnknown(OtelPropertyNames.RESOURCE_PROVIDERS_DISABLED, disabled);
		Set<ResourceDetector> detectors = EnumSet.noneOf(ResourceDetector.class);
		for (ResourceDetector detector : ResourceDetector.values()) {
			boolean wanted = enabled.isEmpty() || enabled.stream().anyMatch(detector::isNamedBy);
			if (wanted && disabled.stream().noneMatch(detector::isNamedBy)) {
				detectors.add(detector);
			}
		}
		return new ResourceSettings(properties.getString(OtelPropertyNames.SERVICE_NAME),
				properties.getMap(OtelPropertyNames.RESOURCE_ATTRIBUTES, false),
				properties.getString("spring.application.name"), detectors,
				Set.copyOf(properties.getNames(OtelPropertyNames.RESOURCE_DISABLED_KEYS)));
	}

	// A provider this starter does not run may be named for another setup (the Java
	// agent's, say): it is reported, not refused.
	private static void warnUnknown(String key, List<String> names) {
		for (String name : names) {
			if (Arrays.stream(ResourceDetector.values()).noneMatch((detector) -> detector.isNamedBy(name))) {
				logger.warn(key + " names '" + name + "', which this starter does not run; it runs "
						+ Arrays.stream(ResourceDetector.values())
							.map(ResourceDetector::providerClassName)
							.collect(Collectors.joining(", ")));
			}
		}
	}

}
