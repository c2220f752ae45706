package dev.otelspring.autoconfigure.exporter.statistics;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpHttpReceiver.Mode;
import dev.otelspring.test.OtlpReceiver.Received;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the collector comes back, export resumes within one schedule delay: no circuit
 * breaker, no stuck worker. The retry backoff is capped below the schedule delay here (as
 * it is by default: both are 5 s), so a retry in flight when the collector returns also
 * lands within the delay.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=" + ExportRecoveryIntegrationTests.SCHEDULE_DELAY_MILLIS + "ms",
				"otel.exporter.otlp.timeout=1s", "otel.spring.exporter.retry.initial-backoff=250ms",
				"otel.spring.exporter.retry.max-backoff=1s" })
@WithOtlpReceiver
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ExportRecoveryIntegrationTests {

	static final long SCHEDULE_DELAY_MILLIS = 2_000;

	/**
	 * What the clock may add to one schedule delay on a busy two-core machine: the
	 * export's own round trip and scheduling jitter. A stuck exporter would miss by tens
	 * of seconds.
	 */
	static final long TOLERANCE_MILLIS = 1_000;

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Autowired
	SpanExportStatistics statistics;

	private final AtomicBoolean loading = new AtomicBoolean();

	private ExecutorService client;

	@BeforeEach
	void startSteadyTraffic() {
		this.receiver.setMode(Mode.OK);
		this.receiver.clear();
		this.loading.set(true);
		this.client = Executors.newSingleThreadExecutor();
		this.client.submit(() -> {
			int n = 0;
			while (this.loading.get()) {
				TestHttp.get("http://localhost:" + this.port + "/api/orders/" + n++);
				TimeUnit.MILLISECONDS.sleep(20);
			}
			return null;
		});
	}

	@AfterEach
	void stopTraffic() throws InterruptedException {
		this.loading.set(false);
		this.client.shutdown();
		assertThat(this.client.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void exportResumesWithinOneScheduleDelayAfterServiceUnavailable() {
		assertResumesWithinOneScheduleDelayAfter(Mode.UNAVAILABLE);
	}

	@Test
	void exportResumesWithinOneScheduleDelayAfterTheCollectorWasDown() {
		assertResumesWithinOneScheduleDelayAfter(Mode.DOWN);
	}

	@Test
	void exportResumesWithinOneScheduleDelayAfterServerErrors() {
		assertResumesWithinOneScheduleDelayAfter(Mode.SERVER_ERROR);
	}

	@Test
	void exportResumesWithinOneScheduleDelayAfterAHang() {
		assertResumesWithinOneScheduleDelayAfter(Mode.HANG);
	}

	private void assertResumesWithinOneScheduleDelayAfter(Mode fault) {
		this.receiver.setMode(fault);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.statistics.isFailing());
		// Let the failure run for more than one delay, so the exporter is mid-cycle
		// (waiting, exporting
		// or backing off) when the collector returns.
		long failingSince = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> System.nanoTime() - failingSince > TimeUnit.MILLISECONDS.toNanos(SCHEDULE_DELAY_MILLIS + 500));
		this.receiver.clear();
		long recovered = System.nanoTime();
		this.receiver.setMode(Mode.OK);

		await().atMost(Duration.ofSeconds(30)).until(() -> !this.receiver.requests().isEmpty());
		long firstExport = this.receiver.requests().stream().mapToLong(Received::receivedNanos).min().orElseThrow();
		long resumedAfterMillis = TimeUnit.NANOSECONDS.toMillis(firstExport - recovered);
		System.out.printf("after %s, export resumed %d ms after the collector came back (schedule delay %d ms)%n",
				fault, resumedAfterMillis, SCHEDULE_DELAY_MILLIS);
		assertThat(resumedAfterMillis).as("export resumed %d ms after the collector came back", resumedAfterMillis)
			.isLessThanOrEqualTo(SCHEDULE_DELAY_MILLIS + TOLERANCE_MILLIS);
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.statistics.isFailing());
	}

}
