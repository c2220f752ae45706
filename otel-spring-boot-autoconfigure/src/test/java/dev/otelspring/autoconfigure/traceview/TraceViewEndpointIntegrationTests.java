package dev.otelspring.autoconfigure.traceview;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.web.WebTestApplication;
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
 * With Actuator present and the {@code traceview} endpoint exposed, the view is that
 * endpoint, and nothing is served on the application's own path.
 */
@WithOtlpReceiver
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.trace-view.enabled=true",
				"management.endpoints.web.exposure.include=health,traceview" })
class TraceViewEndpointIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void servesThePageAndTheTracesAsAnActuatorEndpoint() {
		TestHttp.get(url("/api/orders/42"));
		ReceivedSpan server = this.receiver.awaitSpanNamed("GET /api/orders/{id}");

		HttpResponse<String> page = TestHttp.get(url("/actuator/traceview"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy");

		HttpResponse<String> list = TestHttp.get(url("/actuator/traceview/traces"));
		assertThat(list.statusCode()).isEqualTo(200);
		List<?> traces = (List<?>) ((Map<?, ?>) Json.parse(list.body())).get("traces");
		assertThat(traces).singleElement().satisfies((trace) -> {
			assertThat(((Map<?, ?>) trace).get("traceId")).isEqualTo(server.traceId());
			assertThat(((Map<?, ?>) trace).get("name")).isEqualTo("GET /api/orders/{id}");
		});

		HttpResponse<String> trace = TestHttp.get(url("/actuator/traceview/traces/" + server.traceId()));
		assertThat(trace.statusCode()).isEqualTo(200);
		assertThat(((Map<?, ?>) Json.parse(trace.body())).get("traceId")).isEqualTo(server.traceId());

		assertThat(TestHttp.get(url("/actuator/traceview/traces/" + "0".repeat(31) + "1")).statusCode()).isEqualTo(404);
		assertThat(TestHttp.get(url("/actuator/traceview/other")).statusCode()).isEqualTo(404);
		assertThat(TestHttp.get(url("/otel/trace-view")).statusCode()).isEqualTo(404);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
