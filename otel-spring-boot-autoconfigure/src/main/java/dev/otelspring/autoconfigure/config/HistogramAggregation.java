package dev.otelspring.autoconfigure.config;

/**
 * How {@code otel.exporter.otlp.metrics.default.histogram.aggregation} aggregates
 * histograms.
 */
public enum HistogramAggregation implements PropertyValue {

	/**
	 * Explicit buckets: the default; the boundaries an instrument advises, the SDK's
	 * otherwise.
	 */
	EXPLICIT_BUCKET_HISTOGRAM("explicit_bucket_histogram"),

	/** Base-2 exponential buckets that adapt to the values. */
	BASE2_EXPONENTIAL_BUCKET_HISTOGRAM("base2_exponential_bucket_histogram");

	private final String value;

	HistogramAggregation(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
