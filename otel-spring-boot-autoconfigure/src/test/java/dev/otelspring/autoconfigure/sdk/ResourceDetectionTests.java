package dev.otelspring.autoconfigure.sdk;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.stream.Collectors;

import dev.otelspring.autoconfigure.sampling.SamplingAutoConfiguration;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource carries what the published detectors find about the host, the OS, the
 * process and the runtime, never the command line; each detector is switched with the
 * SDK's provider keys, and {@code otel.resource.disabled.keys} removes attributes from
 * the result, configured ones included.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResourceDetectionTests {

	private static final String PROVIDERS = "io.opentelemetry.instrumentation.resources.";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, SamplingAutoConfiguration.class))
		.withPropertyValues("otel.traces.exporter=none", "spring.application.name=orders");

	@Test
	void hostOsProcessAndRuntimeAreDetectedWithoutTheCommandLine() {
		this.runner.run((context) -> {
			Map<String, Object> resource = attributes(context.getBean(Resource.class));
			assertThat(resource).containsEntry("host.name", java.net.InetAddress.getLocalHost().getHostName())
				.containsKey("host.arch")
				.containsEntry("os.type", "linux")
				.containsKey("os.description")
				.containsEntry("process.pid", ManagementFactory.getRuntimeMXBean().getPid())
				.containsKey("process.executable.path")
				.containsEntry("process.runtime.version", System.getProperty("java.runtime.version"))
				.containsKey("process.runtime.name")
				.containsEntry("service.name", "orders")
				.containsEntry("telemetry.sdk.language", "java");
			assertThat(resource).doesNotContainKeys("process.command", "process.command_line", "process.command_args");
		});
	}

	@Test
	void detectorsAreSwitchedWithTheSdksProviderKeys(CapturedOutput output) {
		this.runner
			.withPropertyValues("otel.java.disabled.resource.providers=" + PROVIDERS
					+ "HostResourceProvider,OsResourceProvider,com.example.GitResourceProvider")
			.run((context) -> {
				Map<String, Object> resource = attributes(context.getBean(Resource.class));
				assertThat(resource).doesNotContainKeys("host.name", "host.arch", "os.type")
					.containsKeys("process.pid", "process.runtime.name");
			});
		assertThat(output).contains("otel.java.disabled.resource.providers names 'com.example.GitResourceProvider'");
		this.runner.withPropertyValues("otel.java.enabled.resource.providers=ProcessRuntimeResourceProvider")
			.run((context) -> {
				Map<String, Object> resource = attributes(context.getBean(Resource.class));
				assertThat(resource).containsKey("process.runtime.name")
					.doesNotContainKeys("host.name", "os.type", "process.pid");
			});
	}

	@Test
	void disabledKeysAreRemovedFromTheResult() {
		this.runner
			.withPropertyValues("otel.resource.attributes=team=payments,owner=ops",
					"otel.resource.disabled.keys=host.name, process.pid,owner")
			.run((context) -> {
				Map<String, Object> resource = attributes(context.getBean(Resource.class));
				assertThat(resource).doesNotContainKeys("host.name", "process.pid", "owner")
					.containsEntry("team", "payments")
					.containsKeys("host.arch", "os.type");
			});
	}

	private static Map<String, Object> attributes(Resource resource) {
		return resource.getAttributes()
			.asMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().getKey(), Map.Entry::getValue));
	}

}
