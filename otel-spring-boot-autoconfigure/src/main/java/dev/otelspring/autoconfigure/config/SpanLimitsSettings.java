package dev.otelspring.autoconfigure.config;

import io.opentelemetry.sdk.trace.SpanLimits;

import org.springframework.core.env.Environment;

/**
 * The span limits of the standard {@code otel.span.*} keys, falling back to the general
 * {@code otel.attribute.*} keys and then to the SDK's defaults, as the specification
 * orders them.
 *
 * @param maxNumberOfAttributes attributes per span
 * @param maxAttributeValueLength characters per attribute value
 * @param maxNumberOfEvents events per span
 * @param maxNumberOfLinks links per span
 * @param maxNumberOfAttributesPerEvent attributes per event
 * @param maxNumberOfAttributesPerLink attributes per link
 */
public record SpanLimitsSettings(int maxNumberOfAttributes, int maxAttributeValueLength, int maxNumberOfEvents,
		int maxNumberOfLinks, int maxNumberOfAttributesPerEvent, int maxNumberOfAttributesPerLink) {

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static SpanLimitsSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		SpanLimits defaults = SpanLimits.getDefault();
		return new SpanLimitsSettings(
				limit(properties, "otel.span.attribute.count.limit", "otel.attribute.count.limit",
						defaults.getMaxNumberOfAttributes()),
				limit(properties, "otel.span.attribute.value.length.limit", "otel.attribute.value.length.limit",
						defaults.getMaxAttributeValueLength()),
				properties.getInt("otel.span.event.count.limit", defaults.getMaxNumberOfEvents(), 0),
				properties.getInt("otel.span.link.count.limit", defaults.getMaxNumberOfLinks(), 0),
				properties.getInt("otel.event.attribute.count.limit", defaults.getMaxNumberOfAttributesPerEvent(), 0),
				properties.getInt("otel.link.attribute.count.limit", defaults.getMaxNumberOfAttributesPerLink(), 0));
	}

	private static int limit(OtelProperties properties, String key, String generalKey, int defaultValue) {
		String specific = properties.getString(key);
		return (specific != null) ? properties.getInt(key, defaultValue, 0)
				: properties.getInt(generalKey, defaultValue, 0);
	}

}
