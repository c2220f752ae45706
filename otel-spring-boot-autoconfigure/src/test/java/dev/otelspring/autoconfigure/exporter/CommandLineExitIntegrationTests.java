package dev.otelspring.autoconfigure.exporter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command-line application (no web server) that exports spans while it runs and then
 * returns from its main method: its JVM exits by itself, and the shutdown flush still
 * delivers the last span; over HTTP it uses the JDK sender though OkHttp's is on the
 * class path too. Without OkHttp's sender, {@code grpc} stops startup with a report
 * naming the key. The application runs as its own process on the test's classpath.
 */
class CommandLineExitIntegrationTests {

	@Test
	void jvmExitsWhenMainReturnsAfterAnExport(@TempDir Path directory) throws Exception {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			Path log = directory.resolve("command-line-app.log");
			String java = ProcessHandle.current().info().command().orElse("java");
			// The test's class path, as an application's: the starter's OkHttp sender
			// (for
			// gRPC) beside the JDK one, and no property choosing between them.
			String classPath = System.getProperty("java.class.path");
			Process process = new ProcessBuilder(java, "-cp", classPath, CommandLineApp.class.getName(),
					"--otel.exporter.otlp.endpoint=" + receiver.endpoint())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			boolean exited = process.waitFor(60, TimeUnit.SECONDS);
			if (!exited) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			assertThat(exited).as("the JVM exited within 60 s of main starting; log:%n%s", Files.readString(log))
				.isTrue();
			assertThat(process.exitValue()).isZero();
			assertThat(Files.readString(log)).doesNotContain("Multiple HttpSenderProvider");
			List<ReceivedSpan> spans = receiver.awaitSpans(2);
			// "first" went out while the application ran; "last" ended just before main
			// returned.
			assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("first", "last");
		}
	}

	@Test
	void grpcWithoutTheOkHttpSenderStopsStartupNamingTheKey(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("command-line-app.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		// An application that excluded the starter's gRPC sender.
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.contains("opentelemetry-exporter-sender-okhttp"))
			.collect(Collectors.joining(File.pathSeparator));
		Process process = new ProcessBuilder(java, "-cp", classPath, CommandLineApp.class.getName(),
				"--otel.exporter.otlp.protocol=grpc", "--otel.exporter.otlp.endpoint=http://127.0.0.1:1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
			.contains("'otel.exporter.otlp.protocol'")
			.contains("io.opentelemetry:opentelemetry-exporter-sender-okhttp");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class CommandLineApp {

		public static void main(String[] args) {
			SpringApplication application = new SpringApplication(CommandLineApp.class);
			application.setDefaultProperties(Map.of("spring.main.web-application-type", "none", "otel.service.name",
					"command-line", "otel.bsp.schedule.delay", "60s"));
			application.run(args);
		}

		@Bean
		CommandLineRunner work(OpenTelemetry openTelemetry, SdkTracerProvider tracerProvider) {
			return (args) -> {
				openTelemetry.getTracer("test").spanBuilder("first").startSpan().end();
				// Exported now, so the exporter has started its threads before main
				// returns.
				tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
				openTelemetry.getTracer("test").spanBuilder("last").startSpan().end();
			};
		}

	}

}
