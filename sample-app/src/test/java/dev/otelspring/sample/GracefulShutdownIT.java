package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
			SampleProcess run = start(receiver);
			placeOrders(run.port());
			run.stop();
			assertThat(run.process().exitValue()).isIn(0, 143);
			assertThat(receiver.spans()).hasSize(ORDERS * SPANS_PER_ORDER);
			assertThat(run.log()).doesNotContain("span(s) were lost");
			// The starter's OkHttp sender (for gRPC) is on the class path too: HTTP goes
			// through the JDK sender, which the starter selects, with no warning.
			assertThat(run.log()).doesNotContain("Multiple HttpSenderProvider");
		}
	}

	@Test
	void sigtermWithTheCollectorDownLogsHowManySpansWereLost() throws Exception {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			receiver.setMode(OtlpHttpReceiver.Mode.SERVER_ERROR);
			SampleProcess run = start(receiver);
			placeOrders(run.port());
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

	private static SampleProcess start(OtlpHttpReceiver receiver) throws Exception {
		return SampleProcess.start(List.of(), List.of(), "--server.shutdown=graceful", "--otel.traces.exporter=otlp",
				"--otel.exporter.otlp.endpoint=" + receiver.endpoint(), "--otel.bsp.schedule.delay=60s",
				"--otel.spring.shutdown.timeout=20s");
	}

}
