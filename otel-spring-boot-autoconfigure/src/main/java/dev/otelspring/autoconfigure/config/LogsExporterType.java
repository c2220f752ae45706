package dev.otelspring.autoconfigure.config;

/**
 * The log record exporters {@code otel.logs.exporter} can list.
 */
public enum LogsExporterType implements PropertyValue {

	/** OTLP to a Collector or any OTLP backend: the default. */
	OTLP("otlp"),

	/** Each record printed on one line with its trace id, on standard out. */
	CONSOLE("console"),

	/** No exporter; only alone. */
	NONE("none");

	private final String value;

	LogsExporterType(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
