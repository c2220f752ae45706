package dev.otelspring.sample;

import java.time.Duration;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.WithOtlpReceiver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's scheduled payment re-check, run every 200 ms here: each run is a trace of
 * its own, with the gateway call (and the gateway's own SERVER span) and the query under
 * it.
 */
@WithOtlpReceiver
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "otel.traces.exporter=otlp",
		"otel.bsp.schedule.delay=50ms", "sample.payments.recheck-interval=200ms" })
class ScheduledJobTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@Test
	void aRunIsATraceWithItsHttpCallAndItsQuery() {
		ReceivedSpan run = this.receiver.awaitSpanNamed("PaymentRecheckJob.recheck");
		assertThat(run.parentSpanId()).isEmpty();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.receiver.spans()
				.stream()
				.filter((span) -> span.traceId().equals(run.traceId()))
				.count() >= 4);
		List<ReceivedSpan> trace = this.receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(run.traceId()))
			.toList();
		assertThat(TraceTree.render(trace)).isEqualTo("""
				PaymentRecheckJob.recheck
				  GET
				    GET /gateway/status
				  SELECT payments
				""");
	}

}
