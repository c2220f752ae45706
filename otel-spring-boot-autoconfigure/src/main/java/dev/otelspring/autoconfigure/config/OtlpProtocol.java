package dev.otelspring.autoconfigure.config;

/**
 * The transports {@code otel.exporter.otlp.protocol} can name.
 */
public enum OtlpProtocol implements PropertyValue {

	/** Protobuf over HTTP: the default. */
	HTTP_PROTOBUF("http/protobuf"),

	/** gRPC. */
	GRPC("grpc");

	private final String value;

	OtlpProtocol(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
