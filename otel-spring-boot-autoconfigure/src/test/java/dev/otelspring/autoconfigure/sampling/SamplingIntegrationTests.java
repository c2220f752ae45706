package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sampling end to end over HTTP: a rule drops the health probe's spans at the head, and
 * tail sampling at a 0% baseline keeps the whole trace of the failing request while
 * healthy ones are dropped, each decided as its request ends (no decision wait by
 * default).
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.http.server.skip-paths=",
				"otel.spring.sampling.rules[0].action=drop", "otel.spring.sampling.rules[0].url-path=/actuator/**",
				"otel.spring.sampling.tail.enabled=true", "otel.spring.sampling.tail.baseline-ratio=0" })
@WithOtlpReceiver
class SamplingIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Autowired
	TailSamplingSpanProcessor tailSampling;

	@Test
	void errorsAreKeptWholeWhileHealthyTracesAndProbesAreDropped() {
		for (int i = 0; i < 20; i++) {
			assertThat(get("/api/orders/" + i)).isEqualTo(200);
			assertThat(get("/actuator/health")).isEqualTo(200);
		}
		assertThat(get("/api/fail")).isEqualTo(500);
		this.receiver.awaitSpan((span) -> "/api/fail".equals(span.attribute("url.path")));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.tailSampling.getDroppedTraces() >= 20);
		// Give any wrongly kept span time to arrive before checking that none did.
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		assertThat(this.receiver.spans()).allSatisfy((span) -> {
			assertThat(span.attribute("url.path")).isEqualTo("/api/fail");
			assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
		});
		assertThat(this.receiver.spans()).hasSize(1);
		// The probe never reached tail sampling: the head rule dropped it.
		assertThat(this.tailSampling.getKeptTraces() + this.tailSampling.getDroppedTraces()).isEqualTo(21);
		assertThat(this.tailSampling.getHeldSpans()).isZero();
	}

	private int get(String path) {
		return TestHttp.get("http://localhost:" + this.port + path).statusCode();
	}

}
