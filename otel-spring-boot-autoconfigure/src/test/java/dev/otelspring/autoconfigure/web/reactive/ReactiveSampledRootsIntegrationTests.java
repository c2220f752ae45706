package dev.otelspring.autoconfigure.web.reactive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebFlux filter under a ratio sampler sets a request's attributes only once its span
 * records: real requests to Reactor Netty at one half are each sampled exactly when the
 * SDK's ratio rule says for their trace id, and the sampled ones arrive with every
 * attribute. A dropped request still carries its trace through the handler's pipeline.
 */
@WithOtlpReceiver
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.traces.sampler=parentbased_traceidratio",
				"otel.traces.sampler.arg=0.5", "otel.metrics.exporter=none",
				"otel.spring.http.server.trace-response-header=true" })
class ReactiveSampledRootsIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void rootsAreSampledByTheirTraceIdAndSampledSpansHaveEveryAttribute() {
		List<String> sampled = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = TestHttp.get("http://localhost:" + this.port + "/downstream?n=" + i,
					"User-Agent", "test-agent/1.0");
			assertThat(response.statusCode()).isEqualTo(200);
			String traceId = TestHttp.traceId(response);
			boolean sampledFlag = TestHttp.sampled(response);
			assertThat(sampledFlag).as(traceId).isEqualTo(TestHttp.ratioSamples(traceId, 0.5));
			(sampledFlag ? sampled : dropped).add(traceId);
		}
		assertThat(sampled).isNotEmpty();
		assertThat(dropped).isNotEmpty();
		for (String traceId : sampled) {
			ReceivedSpan span = this.receiver.awaitSpan((received) -> received.traceId().equals(traceId));
			assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
			assertThat(span.name()).isEqualTo("GET /downstream");
			assertThat(span.attributes()).containsEntry("http.request.method", "GET")
				.containsEntry("url.path", "/downstream")
				.containsKey("url.query")
				.containsEntry("url.scheme", "http")
				.containsEntry("server.address", "localhost")
				.containsEntry("server.port", (long) this.port)
				.containsEntry("client.address", "127.0.0.1")
				.containsEntry("user_agent.original", "test-agent/1.0")
				.containsEntry("http.route", "/downstream")
				.containsEntry("http.response.status_code", 200L);
		}
		// Give any wrongly exported span time to arrive before checking that none did.
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		assertThat(this.receiver.spans()).noneMatch((span) -> dropped.contains(span.traceId()));
	}

	@Test
	void aDroppedRequestCarriesItsTraceThroughThePipeline(CapturedOutput output) {
		String traceId = null;
		for (int i = 0; i < 40 && traceId == null; i++) {
			HttpResponse<String> response = TestHttp.get("http://localhost:" + this.port + "/greet/grace" + i);
			assertThat(response.body()).isEqualTo("hello grace" + i + "!");
			if (!TestHttp.sampled(response)) {
				String dropped = TestHttp.traceId(response);
				String name = "grace" + i;
				// The log line, written after a hop to another scheduler and the
				// WebClient call.
				await().untilAsserted(() -> assertThat(output.getOut())
					.containsPattern("\\[" + dropped + ",[0-9a-f]{16}\\].*greeted " + name + "\\b"));
				traceId = dropped;
			}
		}
		assertThat(traceId).isNotNull();
		String dropped = traceId;
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		assertThat(this.receiver.spans()).noneMatch((span) -> span.traceId().equals(dropped));
	}

}
