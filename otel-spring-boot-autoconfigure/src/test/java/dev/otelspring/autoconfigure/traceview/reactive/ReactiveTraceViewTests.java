package dev.otelspring.autoconfigure.traceview.reactive;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.web.reactive.ReactiveTestApplication;
import dev.otelspring.test.Json;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace view on a WebFlux application's own port, under a configured path.
 */
@WithOtlpReceiver
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.trace-view.enabled=true",
				"otel.spring.trace-view.path=/dev/traces", "spring.profiles.active=dev" })
class ReactiveTraceViewTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void servesThePageAndTheTraces() {
		TestHttp.get(url("/greet/bob"));
		ReceivedSpan server = this.receiver.awaitSpanNamed("GET /greet/{name}");
		this.receiver.awaitSpan((span) -> span.traceId().equals(server.traceId()) && span.name().equals("GET"));
		int exported = (int) this.receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(server.traceId()))
			.count();

		HttpResponse<String> page = TestHttp.get(url("/dev/traces"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("Content-Security-Policy");

		Map<?, ?> list = (Map<?, ?>) Json.parse(TestHttp.get(url("/dev/traces/traces")).body());
		List<?> traces = (List<?>) list.get("traces");
		assertThat(traces).anySatisfy((trace) -> {
			assertThat(((Map<?, ?>) trace).get("traceId")).isEqualTo(server.traceId());
			assertThat(((Map<?, ?>) trace).get("name")).isEqualTo("GET /greet/{name}");
		});
		Map<?, ?> trace = (Map<?, ?>) Json.parse(TestHttp.get(url("/dev/traces/traces/" + server.traceId())).body());
		assertThat((List<?>) trace.get("spans")).hasSizeGreaterThanOrEqualTo(exported);
		assertThat(TestHttp.get(url("/dev/traces/traces/" + "0".repeat(31) + "1")).statusCode()).isEqualTo(404);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
