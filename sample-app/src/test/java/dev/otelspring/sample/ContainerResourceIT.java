package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample as a process that sees itself in a container: started in a mount
 * namespace of its own ({@code unshare -m}, which needs root) where its
 * {@code /proc/self/cgroup} reads as a Docker container's. Its spans arrive with that
 * container's id, and with the host, OS, process and runtime attributes, in the resource.
 */
class ContainerResourceIT {

	private static final String CONTAINER_ID = "3f2a9c4b7d1e6f80".repeat(4);

	@Test
	void spansCarryTheContainerIdAndTheHostProcessAndRuntime() throws Exception {
		Path cgroup = Files.createTempFile("cgroup", "");
		Files.writeString(cgroup, "0::/docker/" + CONTAINER_ID + "\n");
		List<String> inContainer = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
				"mount --bind \"$0\" /proc/$$/cgroup && exec \"$@\"", cgroup.toString());
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			SampleProcess sample = SampleProcess.start(inContainer, List.of(), "--otel.traces.exporter=otlp",
					"--otel.exporter.otlp.endpoint=" + receiver.endpoint(), "--otel.bsp.schedule.delay=100ms");
			try {
				HttpResponse<String> response = TestHttp.get("http://localhost:" + sample.port() + "/api/orders/none",
						"Accept", "application/json");
				assertThat(response.statusCode()).isEqualTo(404);
				ReceivedSpan server = receiver.awaitSpanNamed("GET /api/orders/{id}");
				assertThat(server.resource()).containsEntry("container.id", CONTAINER_ID)
					.containsEntry("process.pid", sample.process().pid())
					.containsEntry("service.name", "order-service")
					.containsKeys("host.name", "host.arch", "os.type", "process.runtime.version")
					.doesNotContainKeys("process.command_line", "process.command_args");
			}
			finally {
				sample.stop();
			}
		}
	}

}
