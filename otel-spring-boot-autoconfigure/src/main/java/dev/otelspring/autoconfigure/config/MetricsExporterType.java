package dev.otelspring.autoconfigure.config;

/**
 * The metric exporters {@code otel.metrics.exporter} can list.
 */
public enum MetricsExporterType implements PropertyValue {

	/** OTLP to a Collector or any OTLP backend: the default. */
	OTLP("otlp"),

	/** Each collection logged, one line per metric. */
	CONSOLE("console"),

	/** No exporter; only alone. */
	NONE("none");

	private final String value;

	MetricsExporterType(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
