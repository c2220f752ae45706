package dev.otelspring.autoconfigure.micrometer;

import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
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
 * With {@code otel.spring.micrometer.skip-traced-observations=false}, Spring's
 * observations of the request make Micrometer spans beside this starter's: the request
 * shows two SERVER spans, one under the other.
 */
@WithOtlpReceiver
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.micrometer.skip-traced-observations=false",
				"management.otlp.metrics.export.enabled=false" })
class SkipTracedObservationsSwitchTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void offLetsSpringsObservationsMakeSpansToo() {
		assertThat(TestHttp.send("GET", "http://127.0.0.1:" + this.port + "/downstream", null).statusCode())
			.isEqualTo(200);
		ReceivedSpan ours = this.receiver.awaitSpanNamed("GET /downstream");
		await().until(() -> servers(ours.traceId()).size() >= 2);
		assertThat(servers(ours.traceId()))
			.anySatisfy((observed) -> assertThat(observed.parentSpanId()).isEqualTo(ours.spanId()));
	}

	private List<ReceivedSpan> servers(String traceId) {
		return this.receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.kind() == SpanKind.SPAN_KIND_SERVER)
			.toList();
	}

}
