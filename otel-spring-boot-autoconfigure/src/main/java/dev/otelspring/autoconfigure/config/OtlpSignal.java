package dev.otelspring.autoconfigure.config;

/**
 * The signals an OTLP exporter sends, each with its own
 * {@code otel.exporter.otlp.<signal>.*} keys and its own path on an OTLP/HTTP endpoint.
 */
public enum OtlpSignal {

	/** Spans: {@code otel.exporter.otlp.traces.*}, {@code /v1/traces}. */
	TRACES("traces"),

	/** Metric points: {@code otel.exporter.otlp.metrics.*}, {@code /v1/metrics}. */
	METRICS("metrics"),

	/** Log records: {@code otel.exporter.otlp.logs.*}, {@code /v1/logs}. */
	LOGS("logs");

	private final String name;

	OtlpSignal(String name) {
		this.name = name;
	}

	/**
	 * Returns the prefix of the signal-specific keys.
	 * @return the prefix, such as {@code otel.exporter.otlp.metrics.}
	 */
	String keyPrefix() {
		return OtelPropertyNames.OTLP + this.name + ".";
	}

	/**
	 * Returns the path appended to a base OTLP/HTTP endpoint.
	 * @return the path, such as {@code v1/metrics}
	 */
	String httpPath() {
		return "v1/" + this.name;
	}

}
