package dev.otelspring.autoconfigure.sdk;

import dev.otelspring.autoconfigure.config.OtelProperties;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanLimitsBuilder;

/**
 * Builds {@link SpanLimits} from the standard {@code otel.span.*} keys, falling back to the general
 * {@code otel.attribute.*} keys and then to the SDK's defaults, as the specification orders them.
 */
final class SpanLimitsFactory {

	private SpanLimitsFactory() {
	}

	static SpanLimits create(OtelProperties properties) {
		SpanLimits defaults = SpanLimits.getDefault();
		SpanLimitsBuilder builder = SpanLimits.builder();
		builder.setMaxNumberOfAttributes(limit(properties, "otel.span.attribute.count.limit",
				"otel.attribute.count.limit", defaults.getMaxNumberOfAttributes()));
		builder.setMaxAttributeValueLength(limit(properties, "otel.span.attribute.value.length.limit",
				"otel.attribute.value.length.limit", defaults.getMaxAttributeValueLength()));
		builder.setMaxNumberOfEvents(
				properties.getInt("otel.span.event.count.limit", defaults.getMaxNumberOfEvents(), 0));
		builder.setMaxNumberOfLinks(properties.getInt("otel.span.link.count.limit", defaults.getMaxNumberOfLinks(), 0));
		builder.setMaxNumberOfAttributesPerEvent(properties.getInt("otel.event.attribute.count.limit",
				defaults.getMaxNumberOfAttributesPerEvent(), 0));
		builder.setMaxNumberOfAttributesPerLink(properties.getInt("otel.link.attribute.count.limit",
				defaults.getMaxNumberOfAttributesPerLink(), 0));
		return builder.build();
	}

	private static int limit(OtelProperties properties, String key, String generalKey, int defaultValue) {
		String specific = properties.getString(key);
		return (specific != null) ? properties.getInt(key, defaultValue, 0)
				: properties.getInt(generalKey, defaultValue, 0);
	}

}
