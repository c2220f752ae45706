package dev.otelspring.autoconfigure.config;

/**
 * The aggregation temporality {@code otel.exporter.otlp.metrics.temporality.preference}
 * asks of the OTLP metric exporter.
 */
public enum MetricTemporality implements PropertyValue {

	/** Every instrument cumulative: the default, what Prometheus-style backends want. */
	CUMULATIVE("cumulative"),

	/** Counters and histograms as deltas, up-down counters cumulative. */
	DELTA("delta"),

	/** Synchronous counters and histograms as deltas, the rest cumulative. */
	LOWMEMORY("lowmemory");

	private final String value;

	MetricTemporality(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
