package dev.otelspring.autoconfigure.exporter.statistics;

import java.time.Duration;
import java.util.List;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpHttpReceiver.Mode;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that misbehaves, under concurrent load from a real client: requests are
 * served as usual, every span is accounted for (exported, failed or dropped), the log
 * says so once, and export resumes when the collector comes back.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.bsp.max.queue.size=64",
				"otel.bsp.max.export.batch.size=16", "otel.exporter.otlp.timeout=500ms",
				"otel.exporter.otlp.headers=api-key=planted-secret-7f3a" })
@ExtendWith(OutputCaptureExtension.class)
@WithOtlpReceiver
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ExportFaultIntegrationTests {

	static final int REQUESTS = 300;

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Autowired
	SpanExportStatistics statistics;

	@BeforeEach
	void reset() {
		this.receiver.setMode(Mode.OK);
		this.receiver.clear();
	}

	@Test
	void unavailableCollectorCostsNothingButTheCountedSpansAndRecovers(CapturedOutput output) throws Exception {
		assertFaultIsContained(Mode.UNAVAILABLE, output);
	}

	@Test
	void collectorDownRefusingConnectionsIsContained(CapturedOutput output) throws Exception {
		assertFaultIsContained(Mode.DOWN, output);
	}

	@Test
	void serverErrorsAreContained(CapturedOutput output) throws Exception {
		assertFaultIsContained(Mode.SERVER_ERROR, output);
	}

	@Test
	void tooManyRequestsWithRetryAfterIsContained(CapturedOutput output) throws Exception {
		// That the throttled exports are retried is shown by OtlpExportIntegrationTests.
		assertFaultIsContained(Mode.TOO_MANY_REQUESTS, output);
	}

	@Test
	void hangingCollectorDoesNotHoldRequestsAndTheQueueStaysBounded(CapturedOutput output) throws Exception {
		long dropped = assertFaultIsContained(Mode.HANG, output);
		assertThat(dropped).as("a queue of 64 spans overflows while the collector hangs").isPositive();
	}

	@Test
	void slowCollectorDoesNotSlowRequests(CapturedOutput output) throws Exception {
		List<Long> baseline = healthyBaseline();
		this.receiver.setMode(Mode.SLOW);
		List<Long> latencies = load(REQUESTS);
		assertLatencyUnchanged(Mode.SLOW, baseline, latencies);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.statistics.getAccounted() >= 3 * REQUESTS);
	}

	/**
	 * Runs the load against a healthy collector, then against the fault, then after
	 * recovery.
	 * @return the spans dropped (queue full) during the fault
	 */
	private long assertFaultIsContained(Mode fault, CapturedOutput output) throws Exception {
		List<Long> baseline = healthyBaseline();
		long accountedBefore = this.statistics.getAccounted();
		long droppedBefore = this.statistics.getDropped();
		// A transient hiccup under the baseline load (a 500 ms timeout on a busy machine)
		// has
		// recovered; the log lines of this fault are counted from here.
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.statistics.isFailing());
		int logMark = output.getOut().length();
		this.receiver.setMode(fault);
		List<Long> latencies = load(REQUESTS);
		// No request failed (load() checks every status), and the latency is what it was
		// with a
		// healthy collector.
		assertLatencyUnchanged(fault, baseline, latencies);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.statistics.isFailing());
		long droppedDuringFault = this.statistics.getDropped() - droppedBefore;
		assertThat(this.statistics.getFailed() + droppedDuringFault).isPositive();
		assertThat(this.statistics.getLastError()).isNotBlank().doesNotContain("planted-secret");
		assertThat(this.statistics.getLastErrorTime()).isNotNull();

		this.receiver.setMode(Mode.OK);
		List<Long> after = load(20);
		assertThat(after).hasSize(20);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.statistics.isFailing());
		// Every span is accounted for: exported, failed or dropped, never silently lost.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.statistics.getAccounted() == accountedBefore + REQUESTS + 20);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.spans().size() >= 20);
		String log = output.getOut().substring(logMark);
		assertThat(count(log, "Span export is failing")).isEqualTo(1);
		assertThat(count(log, "Span export recovered")).isEqualTo(1);
		String wholeLog = output.getOut() + output.getErr();
		// A 64-span queue overflows under this load: one line says so, not one per batch.
		assertThat(count(wholeLog, "Spans are being dropped")).isLessThanOrEqualTo(1);
		assertThat(wholeLog).doesNotContain("BatchSpanProcessor dropped").doesNotContain("planted-secret");
		return droppedDuringFault;
	}

	/**
	 * Latencies of the same load with a healthy collector, after a warm-up, for
	 * comparison.
	 */
	private List<Long> healthyBaseline() throws Exception {
		load(REQUESTS);
		List<Long> baseline = load(REQUESTS);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.statistics.getAccounted() >= 2 * REQUESTS);
		this.receiver.clear();
		return baseline;
	}

	/**
	 * No request waits on the exporter: one that did would take at least the export
	 * timeout (500 ms). The percentiles are printed beside the healthy baseline's for the
	 * reader; they are not asserted, as timings on a shared two-core machine vary by more
	 * than the effect.
	 */
	private static void assertLatencyUnchanged(Mode fault, List<Long> baseline, List<Long> latencies) {
		System.out.printf("latency with a healthy collector p50=%d us p99=%d us; %s p50=%d us p99=%d us%n",
				percentile(baseline, 50), percentile(baseline, 99), fault, percentile(latencies, 50),
				percentile(latencies, 99));
		assertThat(latencies).allSatisfy((micros) -> assertThat(micros).isLessThan(500_000));
	}

	private static long percentile(List<Long> values, int percentile) {
		List<Long> sorted = values.stream().sorted().toList();
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

	private List<Long> load(int requests) throws Exception {
		return TestHttp.concurrently(8, requests,
				(n) -> TestHttp.get("http://localhost:" + this.port + "/api/orders/" + n), 200);
	}

	private static int count(String text, String needle) {
		return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
	}

}
