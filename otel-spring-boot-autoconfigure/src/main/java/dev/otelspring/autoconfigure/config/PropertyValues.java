package dev.otelspring.autoconfigure.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parses the values of enumerated keys and describes what is valid, from the one enum of
 * each key.
 */
final class PropertyValues {

	/** Every enumerated key and the enum that defines its values. */
	static final Map<String, Class<? extends Enum<?>>> ENUMERATED_KEYS;

	static {
		Map<String, Class<? extends Enum<?>>> keys = new LinkedHashMap<>();
		keys.put(OtelPropertyNames.TRACES_SAMPLER, SamplerType.class);
		keys.put(OtelPropertyNames.TRACES_EXPORTER, TracesExporterType.class);
		keys.put(OtelPropertyNames.PROPAGATORS, PropagatorType.class);
		keys.put(OtelPropertyNames.OTLP + "protocol", OtlpProtocol.class);
		keys.put(OtelPropertyNames.OTLP_TRACES + "protocol", OtlpProtocol.class);
		keys.put(OtelPropertyNames.OTLP + "compression", OtlpCompression.class);
		keys.put(OtelPropertyNames.OTLP_TRACES + "compression", OtlpCompression.class);
		keys.put(OtelPropertyNames.METRICS_EXPORTER, MetricsExporterType.class);
		keys.put(OtelPropertyNames.METRICS_EXEMPLAR_FILTER, ExemplarFilterType.class);
		keys.put(OtelPropertyNames.LOGS_EXPORTER, LogsExporterType.class);
		keys.put(OtelPropertyNames.OTLP_LOGS + "protocol", OtlpProtocol.class);
		keys.put(OtelPropertyNames.OTLP_LOGS + "compression", OtlpCompression.class);
		keys.put(OtelPropertyNames.OTLP_METRICS + "protocol", OtlpProtocol.class);
		keys.put(OtelPropertyNames.OTLP_METRICS + "compression", OtlpCompression.class);
		keys.put(OtelPropertyNames.OTLP_METRICS_TEMPORALITY, MetricTemporality.class);
		keys.put(OtelPropertyNames.OTLP_METRICS_HISTOGRAM_AGGREGATION, HistogramAggregation.class);
		ENUMERATED_KEYS = Map.copyOf(keys);
	}

	private PropertyValues() {
	}

	static <E extends Enum<E> & PropertyValue> E parse(String key, String value, Class<E> type) {
		E candidate = find(type, value.trim().toLowerCase(Locale.ROOT));
		if (candidate == null) {
			throw new InvalidOtelPropertyException(key, value, oneOf(type));
		}
		return candidate;
	}

	/**
	 * Parses a list in which {@code none} may only stand alone, returning an empty list
	 * for it.
	 * @param <E> the type
	 * @param key the key
	 * @param values the values
	 * @param type the type
	 * @param none the none
	 * @return the list
	 */
	static <E extends Enum<E> & PropertyValue> List<E> parseList(String key, List<String> values, Class<E> type,
			E none) {
		List<E> parsed = new ArrayList<>();
		for (String value : values) {
			E candidate = find(type, value);
			if (candidate == null || (candidate == none && values.size() > 1)) {
				throw new InvalidOtelPropertyException(key, String.join(",", values), listOf(type, none));
			}
			if (candidate != none && !parsed.contains(candidate)) {
				parsed.add(candidate);
			}
		}
		return List.copyOf(parsed);
	}

	private static <E extends Enum<E> & PropertyValue> E find(Class<E> type, String value) {
		for (E candidate : type.getEnumConstants()) {
			if (candidate.value().equals(value)) {
				return candidate;
			}
		}
		return null;
	}

	static <E extends Enum<E> & PropertyValue> String oneOf(Class<E> type) {
		return "one of " + values(type).stream().collect(Collectors.joining(", "));
	}

	static <E extends Enum<E> & PropertyValue> String listOf(Class<E> type, E none) {
		String others = Arrays.stream(type.getEnumConstants())
			.filter((value) -> value != none)
			.map(PropertyValue::value)
			.collect(Collectors.joining(", "));
		return "a comma-separated list of " + others + ", or '" + none.value() + "' alone";
	}

	static List<String> values(Class<?> type) {
		return Arrays.stream(type.getEnumConstants()).map((value) -> ((PropertyValue) value).value()).toList();
	}

}
