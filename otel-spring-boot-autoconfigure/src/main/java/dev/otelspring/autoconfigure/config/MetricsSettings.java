package dev.otelspring.autoconfigure.config;

import java.time.Duration;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The validated metrics settings, from the SDK's standard keys.
 *
 * @param exporters the exporters {@code otel.metrics.exporter} lists ({@code otlp} by
 * default), empty for {@code none}
 * @param exportInterval {@code otel.metric.export.interval}: the time between
 * collections, 60 s by default
 * @param exemplarFilter {@code otel.metrics.exemplar.filter}
 * @param cardinalityLimit {@code otel.java.metrics.cardinality.limit}: the attribute sets
 * each metric keeps per collection, 2000 by default; the rest are folded into one
 * overflow point
 * @param temporality {@code otel.exporter.otlp.metrics.temporality.preference}
 * @param histogramAggregation
 * {@code otel.exporter.otlp.metrics.default.histogram.aggregation}
 */
public record MetricsSettings(List<MetricsExporterType> exporters, Duration exportInterval,
		ExemplarFilterType exemplarFilter, int cardinalityLimit, MetricTemporality temporality,
		HistogramAggregation histogramAggregation) {

	/** The SDK's default time between collections. */
	public static final Duration DEFAULT_EXPORT_INTERVAL = Duration.ofSeconds(60);

	/** The SDK's default cardinality limit. */
	public static final int DEFAULT_CARDINALITY_LIMIT = 2000;

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static MetricsSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		Duration interval = properties.getDuration(OtelPropertyNames.METRIC_EXPORT_INTERVAL, DEFAULT_EXPORT_INTERVAL);
		if (interval.isZero()) {
			throw new InvalidOtelPropertyException(OtelPropertyNames.METRIC_EXPORT_INTERVAL,
					properties.getString(OtelPropertyNames.METRIC_EXPORT_INTERVAL),
					"a positive duration: milliseconds as a number (60000) or with a unit (10s, 1m)");
		}
		int cardinalityLimit = properties.getInt(OtelPropertyNames.METRICS_CARDINALITY_LIMIT, DEFAULT_CARDINALITY_LIMIT,
				1);
		return new MetricsSettings(exporters(environment), interval, parse(properties,
				OtelPropertyNames.METRICS_EXEMPLAR_FILTER, ExemplarFilterType.class, ExemplarFilterType.TRACE_BASED),
				cardinalityLimit,
				parse(properties, OtelPropertyNames.OTLP_METRICS_TEMPORALITY, MetricTemporality.class,
						MetricTemporality.CUMULATIVE),
				parse(properties, OtelPropertyNames.OTLP_METRICS_HISTOGRAM_AGGREGATION, HistogramAggregation.class,
						HistogramAggregation.EXPLICIT_BUCKET_HISTOGRAM));
	}

	/**
	 * Reads the exporters alone, for the conditions that choose them.
	 * @param environment the Spring environment
	 * @return the exporters, empty for {@code none}
	 */
	static List<MetricsExporterType> exporters(Environment environment) {
		List<String> names = new OtelProperties(environment).getList(OtelPropertyNames.METRICS_EXPORTER,
				List.of(MetricsExporterType.OTLP.value()));
		return PropertyValues.parseList(OtelPropertyNames.METRICS_EXPORTER, names, MetricsExporterType.class,
				MetricsExporterType.NONE);
	}

	private static <E extends Enum<E> & PropertyValue> E parse(OtelProperties properties, String key, Class<E> type,
			E defaultValue) {
		String value = properties.getString(key);
		return (value != null) ? PropertyValues.parse(key, value, type) : defaultValue;
	}

}
