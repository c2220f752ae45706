package dev.otelspring.autoconfigure.exporter.monitoring;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpHttpReceiver.Mode;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that misbehaves, under concurrent load from a real client: requests are served as
 * usual, every span is accounted for (exported, failed or dropped), the log says so once, and export
 * resumes when the collector comes back.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.bsp.max.queue.size=64",
				"otel.bsp.max.export.batch.size=16", "otel.exporter.otlp.timeout=500ms",
				"otel.exporter.otlp.headers=api-key=planted-secret-7f3a" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ExportFaultIntegrationTests {

	static final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

	static final int REQUESTS = 300;

	@LocalServerPort
	int port;

	@Autowired
	SpanExportStatistics statistics;

	@DynamicPropertySource
	static void otlp(DynamicPropertyRegistry registry) {
		registry.add("otel.exporter.otlp.endpoint", receiver::endpoint);
	}

	@BeforeEach
	void reset() {
		receiver.setMode(Mode.OK);
		receiver.clear();
	}

	@AfterAll
	static void stop() {
		receiver.close();
	}

	@Test
	void unavailableCollectorCostsNothingButTheCountedSpansAndRecovers(CapturedOutput output) throws Exception {
		assertFaultIsContained(Mode.UNAVAILABLE, output);
	}

	@Test
	void serverErrorsAreContained(CapturedOutput output) throws Exception {
		assertFaultIsContained(Mode.SERVER_ERROR, output);
	}

	@Test
	void tooManyRequestsWithRetryAfterIsContained(CapturedOutput output) throws Exception {
		assertFaultIsContained(Mode.TOO_MANY_REQUESTS, output);
		// The SDK's retry policy retried the throttled exports before giving up.
		assertThat(receiver.attempts()).isGreaterThan(1);
	}

	@Test
	void hangingCollectorDoesNotHoldRequestsAndTheQueueStaysBounded(CapturedOutput output) throws Exception {
		assertFaultIsContained(Mode.HANG, output);
		assertThat(this.statistics.getDropped()).as("a queue of 64 spans overflows while the collector hangs")
			.isPositive();
	}

	@Test
	void slowCollectorDoesNotSlowRequests(CapturedOutput output) throws Exception {
		receiver.setMode(Mode.SLOW);
		List<Long> latencies = load(REQUESTS);
		assertThat(latencies).allSatisfy((millis) -> assertThat(millis).isLessThan(2_000));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.statistics.getExported() + this.statistics.getFailed()
					+ this.statistics.getDropped() >= REQUESTS);
	}

	private void assertFaultIsContained(Mode fault, CapturedOutput output) throws Exception {
		receiver.setMode(fault);
		List<Long> latencies = load(REQUESTS);
		// No request failed (load() checks every status) and none waited on the exporter: a blocked
		// request would take at least the export timeout.
		assertThat(latencies).allSatisfy((millis) -> assertThat(millis).isLessThan(2_000));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.statistics.isFailing());
		long lostBefore = this.statistics.getFailed() + this.statistics.getDropped();
		assertThat(lostBefore).isPositive();
		assertThat(this.statistics.getLastError()).isNotBlank().doesNotContain("planted-secret");
		assertThat(this.statistics.getLastErrorTime()).isNotNull();

		receiver.setMode(Mode.OK);
		List<Long> after = load(20);
		assertThat(after).hasSize(20);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.statistics.isFailing());
		// Every span is accounted for: exported, failed or dropped, never silently lost.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.statistics.getExported() + this.statistics.getFailed()
					+ this.statistics.getDropped() == REQUESTS + 20);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spans().size() >= 20);
		String log = output.getOut() + output.getErr();
		assertThat(count(log, "Span export is failing")).isEqualTo(1);
		assertThat(count(log, "Span export recovered")).isEqualTo(1);
		assertThat(log).doesNotContain("planted-secret");
	}

	private List<Long> load(int requests) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<Long>> results = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				int n = i;
				results.add(clients.submit(() -> {
					long start = System.nanoTime();
					HttpResponse<String> response = TestHttp.get("http://localhost:" + this.port + "/api/orders/" + n);
					assertThat(response.statusCode()).isEqualTo(200);
					return (System.nanoTime() - start) / 1_000_000;
				}));
			}
			List<Long> latencies = new ArrayList<>();
			for (Future<Long> result : results) {
				latencies.add(result.get());
			}
			return latencies;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static int count(String text, String needle) {
		return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
	}

}
