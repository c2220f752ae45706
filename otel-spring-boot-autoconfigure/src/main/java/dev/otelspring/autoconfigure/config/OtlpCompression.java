package dev.otelspring.autoconfigure.config;

/**
 * The compressions {@code otel.exporter.otlp.compression} can name.
 */
public enum OtlpCompression implements PropertyValue {

	/** Gzip. */
	GZIP("gzip"),

	/** No compression: the default. */
	NONE("none");

	private final String value;

	OtlpCompression(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
