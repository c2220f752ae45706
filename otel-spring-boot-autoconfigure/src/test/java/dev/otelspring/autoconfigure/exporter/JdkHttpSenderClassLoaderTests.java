package dev.otelspring.autoconfigure.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With both senders on the class path (the starter ships OkHttp's for gRPC), the
 * OTLP/HTTP exporter sends through the JDK's {@code HttpClient} and the gRPC one through
 * OkHttp, with no property set.
 */
class JdkHttpSenderClassLoaderTests {

	private static final List<String> SERVICE_FILES = List.of(
			"META-INF/services/io.opentelemetry.exporter.internal.http.HttpSenderProvider",
			"META-INF/services/io.opentelemetry.sdk.common.export.HttpSenderProvider");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class))
		.withPropertyValues("otel.exporter.otlp.endpoint=http://127.0.0.1:1");

	@Test
	void listsTheJdkSenderAloneWhereOkHttpsIsListedToo() throws IOException {
		ClassLoader parent = getClass().getClassLoader();
		ClassLoader filtered = JdkHttpSenderClassLoader.forHttpExporters();
		int files = 0;
		for (String file : SERVICE_FILES) {
			String listed = read(parent, file);
			if (listed.isEmpty()) {
				// This version of the SDK reads the other name.
				continue;
			}
			files++;
			assertThat(listed).contains("OkHttpHttpSenderProvider").contains("JdkHttpSenderProvider");
			assertThat(read(filtered, file))
				.isEqualTo("io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider\n");
		}
		assertThat(files).isPositive();
		assertThat(read(filtered, "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
			.isEqualTo(
					read(parent, "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"));
	}

	@Test
	void leavesTheChoiceToAnApplicationThatNamesASender() {
		String property = "io.opentelemetry.sdk.common.export.HttpSenderProvider";
		System.setProperty(property, "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider");
		try {
			assertThat(JdkHttpSenderClassLoader.forHttpExporters()).isNull();
		}
		finally {
			System.clearProperty(property);
		}
	}

	@Test
	void httpExportGoesThroughTheJdkSenderAndGrpcThroughOkHttp() {
		this.runner.run((context) -> assertThat(senderOf(context.getBean(OtlpHttpSpanExporter.class)))
			.isEqualTo("JdkHttpSender"));
		this.runner.withPropertyValues("otel.exporter.otlp.protocol=grpc")
			.run((context) -> assertThat(senderOf(context.getBean(OtlpGrpcSpanExporter.class)))
				.isEqualTo("OkHttpGrpcSender"));
	}

	private static String read(ClassLoader loader, String name) throws IOException {
		StringBuilder content = new StringBuilder();
		for (URL resource : Collections.list(loader.getResources(name))) {
			try (InputStream in = resource.openStream()) {
				content.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return content.toString();
	}

	// The simple name of the first object named like a sender in the exporter's object
	// graph: the SDK has no public accessor for it.
	private static String senderOf(Object exporter) throws IllegalAccessException {
		List<Object> queue = new ArrayList<>(List.of(exporter));
		Map<Object, Boolean> seen = new IdentityHashMap<>();
		while (!queue.isEmpty()) {
			Object next = queue.remove(0);
			if (next == null || seen.put(next, true) != null) {
				continue;
			}
			String name = next.getClass().getSimpleName();
			if (name.endsWith("Sender")) {
				return name;
			}
			if (!next.getClass().getName().startsWith("io.opentelemetry")) {
				continue;
			}
			for (Class<?> type = next.getClass(); type != null
					&& type.getName().startsWith("io.opentelemetry"); type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
						field.setAccessible(true);
						queue.add(field.get(next));
					}
				}
			}
		}
		return null;
	}

}
