package dev.otelspring.autoconfigure.exporter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;

/**
 * The validated {@code otel.exporter.otlp.*} settings for traces. Each setting is read from its
 * signal-specific key ({@code otel.exporter.otlp.traces.*}) first and from the general key second, as
 * the specification orders them.
 *
 * <p>{@link #toString()} never shows header values or key material.
 */
final class OtlpExporterSettings {

	static final String PREFIX = "otel.exporter.otlp.";

	static final String TRACES_PREFIX = "otel.exporter.otlp.traces.";

	static final String HTTP_PROTOBUF = "http/protobuf";

	static final String GRPC = "grpc";

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final String protocol;

	private final String endpoint;

	private final Map<String, String> headers;

	private final Duration timeout;

	private final String compression;

	private final byte[] trustedCertificates;

	private final byte[] clientKey;

	private final byte[] clientCertificate;

	private OtlpExporterSettings(String protocol, String endpoint, Map<String, String> headers, Duration timeout,
			String compression, byte[] trustedCertificates, byte[] clientKey, byte[] clientCertificate) {
		this.protocol = protocol;
		this.endpoint = endpoint;
		this.headers = headers;
		this.timeout = timeout;
		this.compression = compression;
		this.trustedCertificates = trustedCertificates;
		this.clientKey = clientKey;
		this.clientCertificate = clientCertificate;
	}

	static String protocol(OtelProperties properties) {
		String value = properties.getString(TRACES_PREFIX + "protocol", PREFIX + "protocol");
		if (value == null) {
			return HTTP_PROTOBUF;
		}
		String protocol = value.toLowerCase(Locale.ROOT);
		if (!HTTP_PROTOBUF.equals(protocol) && !GRPC.equals(protocol)) {
			throw new InvalidOtelPropertyException(properties.firstSet(TRACES_PREFIX + "protocol", PREFIX + "protocol"),
					value, "http/protobuf (the default) or grpc");
		}
		return protocol;
	}

	static OtlpExporterSettings read(OtelProperties properties) {
		String protocol = protocol(properties);
		String endpoint = endpoint(properties, protocol);
		Map<String, String> headers = new LinkedHashMap<>(properties.getMap(PREFIX + "headers", true));
		headers.putAll(properties.getMap(TRACES_PREFIX + "headers", true));
		String timeoutKey = properties.firstSet(TRACES_PREFIX + "timeout", PREFIX + "timeout");
		Duration timeout = properties.getDuration(timeoutKey, DEFAULT_TIMEOUT);
		String compressionKey = properties.firstSet(TRACES_PREFIX + "compression", PREFIX + "compression");
		String compression = properties.getString(compressionKey);
		if (compression != null) {
			compression = compression.toLowerCase(Locale.ROOT);
			if (!"gzip".equals(compression) && !"none".equals(compression)) {
				throw new InvalidOtelPropertyException(compressionKey, compression, "gzip or none (the default)");
			}
		}
		byte[] trusted = readFile(properties, TRACES_PREFIX + "certificate", PREFIX + "certificate");
		if (trusted != null) {
			requireCertificates(properties.firstSet(TRACES_PREFIX + "certificate", PREFIX + "certificate"), trusted);
		}
		byte[] clientKey = readFile(properties, TRACES_PREFIX + "client.key", PREFIX + "client.key");
		byte[] clientCertificate = readFile(properties, TRACES_PREFIX + "client.certificate",
				PREFIX + "client.certificate");
		if ((clientKey == null) != (clientCertificate == null)) {
			String missing = (clientKey == null) ? PREFIX + "client.key" : PREFIX + "client.certificate";
			throw new InvalidOtelPropertyException(missing, "(not set)",
					"a PEM file path: client.key and client.certificate must be set together for mTLS");
		}
		return new OtlpExporterSettings(protocol, endpoint, headers, timeout, compression, trusted, clientKey,
				clientCertificate);
	}

	private static String endpoint(OtelProperties properties, String protocol) {
		String signal = properties.getString(TRACES_PREFIX + "endpoint");
		if (signal != null) {
			return validateUrl(TRACES_PREFIX + "endpoint", signal);
		}
		String base = properties.getString(PREFIX + "endpoint");
		if (base == null) {
			return GRPC.equals(protocol) ? "http://localhost:4317" : "http://localhost:4318/v1/traces";
		}
		validateUrl(PREFIX + "endpoint", base);
		if (GRPC.equals(protocol)) {
			return base;
		}
		return base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
	}

	private static String validateUrl(String key, String value) {
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
					&& uri.getUserInfo() == null) {
				return value;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new InvalidOtelPropertyException(key, value,
				"an absolute http:// or https:// URL with a host and no user info, such as http://collector:4318");
	}

	private static void requireCertificates(String key, byte[] pem) {
		try {
			if (!CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
				return;
			}
		}
		catch (CertificateException ex) {
			throw new InvalidOtelPropertyException(key, "(file content is not a certificate)",
					"the path of a PEM file holding X.509 certificates", ex);
		}
		throw new InvalidOtelPropertyException(key, "(file holds no certificate)",
				"the path of a PEM file holding X.509 certificates");
	}

	private static byte[] readFile(OtelProperties properties, String key, String generalKey) {
		String name = properties.firstSet(key, generalKey);
		String path = properties.getString(name);
		if (path == null) {
			return null;
		}
		try {
			return Files.readAllBytes(Path.of(path));
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidOtelPropertyException(name, path, "the path of a readable PEM file", ex);
		}
	}

	/**
	 * Applies the settings through the setters that both OTLP exporter builders have (they share no
	 * interface).
	 */
	void applyTo(Consumer<String> endpoint, BiConsumer<String, String> header, Consumer<Duration> timeout,
			Consumer<String> compression, Consumer<byte[]> trustedCertificates, BiConsumer<byte[], byte[]> clientTls) {
		endpoint.accept(this.endpoint);
		timeout.accept(this.timeout);
		this.headers.forEach(header);
		if (this.compression != null) {
			compression.accept(this.compression);
		}
		if (this.trustedCertificates != null) {
			trustedCertificates.accept(this.trustedCertificates);
		}
		if (this.clientKey != null) {
			clientTls.accept(this.clientKey, this.clientCertificate);
		}
	}

	String getProtocol() {
		return this.protocol;
	}

	byte[] getClientKey() {
		return this.clientKey;
	}

	@Override
	public String toString() {
		return "OtlpExporterSettings{protocol=" + this.protocol + ", endpoint=" + this.endpoint + ", headers="
				+ this.headers.keySet() + " (values hidden), timeout=" + this.timeout + ", compression="
				+ this.compression + ", tls=" + (this.trustedCertificates != null) + ", mtls="
				+ (this.clientKey != null) + "}";
	}

}
