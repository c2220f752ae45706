package dev.otelspring.autoconfigure.config;

/**
 * The span exporters {@code otel.traces.exporter} can list.
 */
public enum TracesExporterType implements PropertyValue {

	/** OTLP to a Collector or any OTLP backend: the default. */
	OTLP("otlp"),

	/** Each finished trace logged as a tree. */
	CONSOLE("console"),

	/** No exporter; only alone. */
	NONE("none");

	private final String value;

	TracesExporterType(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
