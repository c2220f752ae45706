package dev.otelspring.autoconfigure.traceview;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.Json;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace view on a servlet application's own port (Actuator is present, its endpoint
 * not exposed): the traces it lists and shows are the ones exported, values are escaped,
 * its bounds hold under a flood, and a WARN line says it is on outside development.
 */
@WithOtlpReceiver
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.trace-view.enabled=true",
				"otel.spring.trace-view.max-traces=20",
				"otel.instrumentation.http.server.capture-request-headers=X-Note" })
@ExtendWith(OutputCaptureExtension.class)
class TraceViewIntegrationTests {

	private static final String CONTINUED_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void listsAndShowsTheTracesAsExported() {
		TestHttp.get(url("/api/orders/42"), "traceparent", "00-" + CONTINUED_TRACE + "-00f067aa0ba902b7-01");
		TestHttp.get(url("/api/fail"));
		ReceivedSpan failed = this.receiver.awaitSpanNamed("GET /api/fail");
		ReceivedSpan continued = this.receiver.awaitSpanNamed("GET /api/orders/{id}");

		HttpResponse<String> list = TestHttp.get(url("/otel/trace-view/traces"));
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
		Map<String, Object> listed = map(Json.parse(list.body()));
		assertThat(listed).containsEntry("maxTraces", 20L);
		List<Map<String, Object>> traces = maps(listed.get("traces"));
		assertThat(traces).extracting((trace) -> trace.get("traceId"))
			.containsExactly(failed.traceId(), CONTINUED_TRACE);
		assertThat(traces.get(0)).containsEntry("name", "GET /api/fail")
			.containsEntry("service", failed.resource().get("service.name"))
			.containsEntry("spanCount", 1L)
			.containsEntry("error", true)
			.containsEntry("remoteParent", false);
		assertThat(traces.get(1)).containsEntry("name", "GET /api/orders/{id}")
			.containsEntry("error", false)
			.containsEntry("remoteParent", true);

		Map<String, Object> trace = map(
				Json.parse(TestHttp.get(url("/otel/trace-view/traces/" + failed.traceId())).body()));
		Map<String, Object> span = maps(trace.get("spans")).get(0);
		assertThat(span).containsEntry("spanId", failed.spanId())
			.containsEntry("parentSpanId", null)
			.containsEntry("kind", "SERVER")
			.containsEntry("status", "ERROR");
		Map<String, String> attributes = maps(span.get("attributes")).stream()
			.collect(Collectors.toMap((entry) -> (String) entry.get("key"), (entry) -> (String) entry.get("value")));
		assertThat(attributes.keySet()).isEqualTo(failed.attributes().keySet());
		failed.attributes().forEach((key, value) -> assertThat(attributes.get(key)).isEqualTo(String.valueOf(value)));
		Map<String, Object> exception = maps(span.get("events")).get(0);
		assertThat(exception).containsEntry("name", "exception");
		assertThat(maps(exception.get("attributes"))).anySatisfy((entry) -> {
			assertThat(entry).containsEntry("key", "exception.stacktrace");
			assertThat((String) entry.get("value")).startsWith("java.lang.IllegalStateException: boom");
		});

		Map<String, Object> remote = maps(
				map(Json.parse(TestHttp.get(url("/otel/trace-view/traces/" + continued.traceId())).body()))
					.get("spans"))
			.get(0);
		assertThat(remote).containsEntry("parentSpanId", "00f067aa0ba902b7").containsEntry("remoteParent", true);

		// The view's own requests are not traced: they would fill it.
		TestHttp.get(url("/otel/trace-view"));
		TestHttp.get(url("/api/orders/43"));
		this.receiver.awaitSpan((exported) -> "/api/orders/43".equals(exported.attribute("url.path")));
		assertThat(this.receiver.spans())
			.noneSatisfy((exported) -> assertThat(String.valueOf(exported.attribute("url.path")))
				.startsWith("/otel/trace-view"));
		assertThat(maps(map(Json.parse(TestHttp.get(url("/otel/trace-view/traces")).body())).get("traces"))).hasSize(3);
	}

	@Test
	void answersNotFoundForATraceItDoesNotHold() {
		assertThat(TestHttp.get(url("/otel/trace-view/traces/" + "0".repeat(31) + "1")).statusCode()).isEqualTo(404);
		assertThat(TestHttp.get(url("/otel/trace-view/traces/not-a-trace-id")).statusCode()).isEqualTo(404);
		assertThat(TestHttp.get(url("/otel/trace-view/traces/" + "A".repeat(32))).statusCode()).isEqualTo(404);
	}

	@Test
	void servesThePageWithAPolicyThatLetsOnlyItsOwnScriptRun() {
		HttpResponse<String> page = TestHttp.get(url("/otel/trace-view"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.body()).contains("<meta http-equiv=\"Content-Security-Policy\"")
			.containsPattern("script-src 'sha256-[A-Za-z0-9+/=]{44}'")
			.contains("connect-src 'self'")
			.doesNotContain("http://", "https://");
	}

	@Test
	void escapesValuesThatMeanSomethingToHtml() {
		String note = "<script>window.__xss=1</script>&\"quoted\"";
		TestHttp.get(url("/api/orders/7"), "X-Note", note);
		ReceivedSpan span = this.receiver.awaitSpanNamed("GET /api/orders/{id}");
		String body = TestHttp.get(url("/otel/trace-view/traces/" + span.traceId())).body();
		assertThat(body).doesNotContain("<script>", "</script>", "&");
		Map<String, Object> parsed = maps(map(Json.parse(body)).get("spans")).get(0);
		assertThat(maps(parsed.get("attributes"))).anySatisfy((entry) -> {
			assertThat(entry).containsEntry("key", "http.request.header.x-note");
			assertThat(entry).containsEntry("value", "[" + note + "]");
		});
	}

	@Test
	void holdsItsBoundsUnderAFloodOfRequests() throws Exception {
		TestHttp.concurrently(8, 400, (i) -> TestHttp.get(url("/api/orders/" + i)), 200);
		this.receiver.awaitSpans(400);
		Map<String, Object> listed = map(Json.parse(TestHttp.get(url("/otel/trace-view/traces")).body()));
		List<Map<String, Object>> traces = maps(listed.get("traces"));
		assertThat(traces).hasSize(20);
		assertThat((Long) listed.get("heldBytes")).isPositive().isLessThanOrEqualTo((Long) listed.get("maxBytes"));
		// Newest first: the held traces are the last ones to start.
		List<Long> starts = traces.stream().map((trace) -> (Long) trace.get("startEpochMillis")).toList();
		assertThat(starts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
	}

	@Test
	void saysAtStartupThatItIsOnWithoutADevelopmentProfile(CapturedOutput output) {
		assertThat(output).contains("WARN").contains("The trace view is on without a development profile");
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object json) {
		return (Map<String, Object>) json;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> maps(Object json) {
		return (List<Map<String, Object>>) json;
	}

}
