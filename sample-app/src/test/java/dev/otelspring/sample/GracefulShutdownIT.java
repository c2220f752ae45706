package dev.otelspring.sample;

import java.io.File;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample as a real process, stopped with SIGTERM: every span of every
 * request that completed before shutdown reaches a healthy collector, and with the
 * collector down the log says how many spans were lost. The schedule delay is a minute,
 * so only the shutdown flush can deliver them.
 */
class GracefulShutdownIT {

	static final int ORDERS = 5;

	static final int SPANS_PER_ORDER = 15;

	@Test
	void sigtermFlushesEverySpanToAHealthyCollector() throws Exception {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			Run run = start(receiver);
			placeOrders(run.port);
			run.stop();
			assertThat(run.process.exitValue()).isIn(0, 143);
			assertThat(receiver.spans()).hasSize(ORDERS * SPANS_PER_ORDER);
			assertThat(run.log()).doesNotContain("span(s) were lost");
		}
	}

	@Test
	void sigtermWithTheCollectorDownLogsHowManySpansWereLost() throws Exception {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			receiver.setMode(OtlpHttpReceiver.Mode.SERVER_ERROR);
			Run run = start(receiver);
			placeOrders(run.port);
			run.stop();
			assertThat(run.log()).contains("OpenTelemetry shut down; " + (ORDERS * SPANS_PER_ORDER)
					+ " span(s) were lost while the application ran (" + (ORDERS * SPANS_PER_ORDER)
					+ " failed to export, 0 dropped from a full queue)");
		}
	}

	private static void placeOrders(int port) {
		for (int i = 0; i < ORDERS; i++) {
			HttpResponse<String> response = TestHttp.send("POST", "http://localhost:" + port + "/api/orders",
					"{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"book-1\",\"quantity\":1,\"unitPrice\":9.5}]}",
					"Content-Type", "application/json");
			assertThat(response.statusCode()).isEqualTo(201);
		}
	}

	private static Run start(OtlpHttpReceiver receiver) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Files.createTempFile("sample", ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-jar", new File("target/sample-app-exec.jar").getAbsolutePath(), "--server.port=" + port,
						"--server.address=127.0.0.1", "--server.shutdown=graceful", "--otel.traces.exporter=otlp",
						"--otel.exporter.otlp.endpoint=" + receiver.endpoint(), "--otel.bsp.schedule.delay=60s",
						"--otel.spring.shutdown.timeout=20s"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Run run = new Run(process, port, log);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(process.isAlive()).as("sample process alive; log:%n%s", run.log()).isTrue();
			return run.log().contains("Started SampleApplication");
		});
		return run;
	}

	record Run(Process process, int port, Path logFile) {

		void stop() throws InterruptedException {
			this.process.destroy(); // SIGTERM
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("the sample did not stop within 60 s of SIGTERM");
			}
		}

		String log() {
			try {
				return Files.readString(this.logFile);
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
