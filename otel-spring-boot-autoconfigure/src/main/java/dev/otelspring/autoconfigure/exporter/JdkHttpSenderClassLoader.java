package dev.otelspring.autoconfigure.exporter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The class loader the OTLP/HTTP exporter builders find their sender through
 * ({@code setServiceClassLoader}): it lists the JDK {@code HttpClient} sender and not
 * OkHttp's, which the starter ships for gRPC. Both senders declare themselves in the same
 * service file, which the SDK reads with {@link java.util.ServiceLoader}; this loader
 * hands it that file's lines without OkHttp's HTTP provider, so that the SDK finds one
 * HTTP sender, the JDK's, and reads no system property to choose.
 *
 * <p>
 * Lines are filtered, not files, so that it works the same in a fat jar and in a shaded
 * jar whose service files are merged. Without the JDK sender on the class path, or when
 * the application names a sender itself with the SDK's selection property (either name it
 * has had, as a system property or environment variable), nothing is filtered.
 */
final class JdkHttpSenderClassLoader extends ClassLoader {

	/** The selection properties: before OpenTelemetry 1.59 and since. */
	private static final List<String> SELECTION_PROPERTIES = List.of(
			"io.opentelemetry.exporter.internal.http.HttpSenderProvider",
			"io.opentelemetry.sdk.common.export.HttpSenderProvider");

	private static final Set<String> SERVICE_FILES = Set.of(
			"META-INF/services/io.opentelemetry.exporter.internal.http.HttpSenderProvider",
			"META-INF/services/io.opentelemetry.sdk.common.export.HttpSenderProvider");

	private static final String OKHTTP_PROVIDER = "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider";

	private static final String JDK_PROVIDER = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";

	JdkHttpSenderClassLoader(ClassLoader parent) {
		super(parent);
	}

	/**
	 * Returns the loader for the HTTP exporter builders, or {@code null} (the SDK's own
	 * choice) when the application names a sender itself.
	 * @return the loader, or {@code null}
	 */
	static ClassLoader forHttpExporters() {
		for (String property : SELECTION_PROPERTIES) {
			String variable = property.toUpperCase(Locale.ROOT).replace('.', '_');
			if (System.getProperty(property) != null || System.getenv(variable) != null) {
				return null;
			}
		}
		ClassLoader parent = JdkHttpSenderClassLoader.class.getClassLoader();
		return new JdkHttpSenderClassLoader((parent != null) ? parent : ClassLoader.getSystemClassLoader());
	}

	@Override
	public Enumeration<URL> getResources(String name) throws IOException {
		Enumeration<URL> resources = super.getResources(name);
		if (!SERVICE_FILES.contains(name)) {
			return resources;
		}
		StringBuilder kept = new StringBuilder();
		boolean jdk = false;
		for (URL resource : Collections.list(resources)) {
			URLConnection connection = resource.openConnection();
			connection.setUseCaches(false);
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					int comment = line.indexOf('#');
					String provider = ((comment >= 0) ? line.substring(0, comment) : line).trim();
					if (!provider.isEmpty() && !provider.equals(OKHTTP_PROVIDER)) {
						jdk |= provider.equals(JDK_PROVIDER);
						kept.append(provider).append('\n');
					}
				}
			}
		}
		if (!jdk) {
			return super.getResources(name);
		}
		return Collections.enumeration(List.of(inMemory(name, kept.toString().getBytes(StandardCharsets.UTF_8))));
	}

	private static URL inMemory(String name, byte[] content) throws IOException {
		URLStreamHandler handler = new URLStreamHandler() {

			@Override
			protected URLConnection openConnection(URL url) {
				return new URLConnection(url) {

					@Override
					public void connect() {
					}

					@Override
					public InputStream getInputStream() {
						return new ByteArrayInputStream(content);
					}

				};
			}

		};
		return new URL(null, "otel-senders:/" + name, handler);
	}

}
