package dev.otelspring.autoconfigure.config;

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
import java.util.Map;

import org.springframework.core.env.Environment;

/**
 * The validated {@code otel.exporter.otlp.*} settings of one signal. Each setting is read
 * from its signal-specific key ({@code otel.exporter.otlp.traces.*},
 * {@code otel.exporter.otlp.metrics.*}, ...) first and from the general key second, as
 * the specification orders them.
 *
 * <p>
 * {@link #toString()} never shows header values or key material.
 */
public final class OtlpExporterSettings {

	private static final String PREFIX = OtelPropertyNames.OTLP;

	/** The SDK's default export timeout. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final OtlpProtocol protocol;

	private final String endpoint;

	private final Map<String, String> headers;

	private final Duration timeout;

	private final OtlpCompression compression;

	private final byte[] trustedCertificates;

	private final byte[] clientKey;

	private final byte[] clientCertificate;

	private OtlpExporterSettings(OtlpProtocol protocol, String endpoint, Map<String, String> headers, Duration timeout,
			OtlpCompression compression, byte[] trustedCertificates, byte[] clientKey, byte[] clientCertificate) {
		this.protocol = protocol;
		this.endpoint = endpoint;
		this.headers = headers;
		this.timeout = timeout;
		this.compression = compression;
		this.trustedCertificates = trustedCertificates;
		this.clientKey = clientKey;
		this.clientCertificate = clientCertificate;
	}

	/**
	 * Reads the protocol alone, for the conditions that choose an exporter.
	 * @param environment the Spring environment
	 * @param signal the signal
	 * @return the configured protocol, {@code http/protobuf} by default
	 */
	static OtlpProtocol protocol(Environment environment, OtlpSignal signal) {
		return protocol(new OtelProperties(environment), signal.keyPrefix());
	}

	private static OtlpProtocol protocol(OtelProperties properties, String signalPrefix) {
		String key = properties.firstSet(signalPrefix + "protocol", PREFIX + "protocol");
		String value = properties.getString(key);
		return (value != null) ? PropertyValues.parse(key, value, OtlpProtocol.class) : OtlpProtocol.HTTP_PROTOBUF;
	}

	/**
	 * Reads and validates the settings of the span exporter.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static OtlpExporterSettings from(Environment environment) {
		return from(environment, OtlpSignal.TRACES);
	}

	/**
	 * Reads and validates the settings of one signal's exporter.
	 * @param environment the Spring environment
	 * @param signal the signal
	 * @return the settings
	 */
	public static OtlpExporterSettings from(Environment environment, OtlpSignal signal) {
		return read(new OtelProperties(environment), signal);
	}

	private static OtlpExporterSettings read(OtelProperties properties, OtlpSignal signal) {
		String signalPrefix = signal.keyPrefix();
		OtlpProtocol protocol = protocol(properties, signalPrefix);
		String endpoint = endpoint(properties, protocol, signal);
		Map<String, String> headers = new LinkedHashMap<>(properties.getMap(PREFIX + "headers", true));
		headers.putAll(properties.getMap(signalPrefix + "headers", true));
		String timeoutKey = properties.firstSet(signalPrefix + "timeout", PREFIX + "timeout");
		Duration timeout = properties.getDuration(timeoutKey, DEFAULT_TIMEOUT);
		if (timeout.isZero()) {
			// The SDK reads 0 as no timeout: a hung collector would hold an export thread
			// forever.
			throw new InvalidOtelPropertyException(timeoutKey, properties.getString(timeoutKey),
					"a positive duration: milliseconds as a number (10000) or with a unit (500ms, 10s)");
		}
		String compressionKey = properties.firstSet(signalPrefix + "compression", PREFIX + "compression");
		String compressionValue = properties.getString(compressionKey);
		OtlpCompression compression = (compressionValue != null)
				? PropertyValues.parse(compressionKey, compressionValue, OtlpCompression.class) : null;
		byte[] trusted = readFile(properties, signalPrefix + "certificate", PREFIX + "certificate");
		if (trusted != null) {
			requireCertificates(properties.firstSet(signalPrefix + "certificate", PREFIX + "certificate"), trusted);
		}
		byte[] clientKey = readFile(properties, signalPrefix + "client.key", PREFIX + "client.key");
		byte[] clientCertificate = readFile(properties, signalPrefix + "client.certificate",
				PREFIX + "client.certificate");
		if ((clientKey == null) != (clientCertificate == null)) {
			String missing = (clientKey != null) ? PREFIX + "client.certificate" : PREFIX + "client.key";
			throw new InvalidOtelPropertyException(missing, "(not set)",
					"a PEM file path: client.key and client.certificate must be set together for mTLS");
		}
		return new OtlpExporterSettings(protocol, endpoint, headers, timeout, compression, trusted, clientKey,
				clientCertificate);
	}

	private static String endpoint(OtelProperties properties, OtlpProtocol protocol, OtlpSignal signal) {
		String specific = properties.getString(signal.keyPrefix() + "endpoint");
		if (specific != null) {
			return validateUrl(signal.keyPrefix() + "endpoint", specific);
		}
		String base = properties.getString(PREFIX + "endpoint");
		if (base == null) {
			return (protocol == OtlpProtocol.GRPC) ? "http://localhost:4317"
					: "http://localhost:4318/" + signal.httpPath();
		}
		validateUrl(PREFIX + "endpoint", base);
		if (protocol == OtlpProtocol.GRPC) {
			return base;
		}
		return base.endsWith("/") ? base + signal.httpPath() : base + "/" + signal.httpPath();
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
		throw new InvalidOtelPropertyException(key, withoutUserInfo(value),
				"an absolute http:// or https:// URL with a host and no user info, such as http://collector:4318");
	}

	/**
	 * Returns the URL for a failure report, with anything between the scheme and an
	 * {@code @} masked: credentials do not belong in an endpoint, nor in a log.
	 * @param value the configured URL
	 * @return the URL without its user info
	 */
	private static String withoutUserInfo(String value) {
		int at = value.lastIndexOf('@');
		if (at < 0) {
			return value;
		}
		int start = value.indexOf("//");
		String prefix = (start >= 0 && start < at) ? value.substring(0, start + 2) : "";
		return prefix + "****" + value.substring(at);
	}

	private static void requireCertificates(String key, byte[] pem) {
		try {
			if (!CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem))
				.isEmpty()) {
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
	 * Returns the transport.
	 * @return the transport
	 */
	public OtlpProtocol getProtocol() {
		return this.protocol;
	}

	/**
	 * Returns the full URL exports are sent to.
	 * @return the full URL exports are sent to
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the headers sent with every export; their values are secrets.
	 * @return the headers sent with every export; their values are secrets
	 */
	public Map<String, String> getHeaders() {
		return this.headers;
	}

	/**
	 * Returns the time an export request may take.
	 * @return the time an export request may take
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Returns the compression, or {@code null} for the exporter's default (none).
	 * @return the compression, or {@code null} for the exporter's default (none)
	 */
	public OtlpCompression getCompression() {
		return this.compression;
	}

	/**
	 * Returns the PEM certificates to trust, or {@code null} for the JVM's trust store.
	 * @return the byte[]
	 */
	public byte[] getTrustedCertificates() {
		return this.trustedCertificates;
	}

	/**
	 * Returns the PEM private key for mTLS, or {@code null}.
	 * @return the PEM private key for mTLS, or {@code null}
	 */
	public byte[] getClientKey() {
		return this.clientKey;
	}

	/**
	 * Returns the PEM client certificate chain for mTLS, or {@code null}.
	 * @return the PEM client certificate chain for mTLS, or {@code null}
	 */
	public byte[] getClientCertificate() {
		return this.clientCertificate;
	}

	/**
	 * Returns the keys that set the client TLS material, for a report when the SDK
	 * rejects it.
	 * @return the key names
	 */
	public static String clientTlsKeys() {
		return PREFIX + "client.key / " + PREFIX + "client.certificate";
	}

	/**
	 * Returns the key that sets the protocol, for a report when the chosen transport is
	 * missing.
	 * @return the key name
	 */
	public static String protocolKey() {
		return PREFIX + "protocol";
	}

	@Override
	public String toString() {
		return "OtlpExporterSettings{protocol=" + this.protocol.value() + ", endpoint=" + this.endpoint + ", headers="
				+ this.headers.keySet() + " (values hidden), timeout=" + this.timeout + ", compression="
				+ ((this.compression != null) ? this.compression.value() : null) + ", tls="
				+ (this.trustedCertificates != null) + ", mtls=" + (this.clientKey != null) + "}";
	}

}
