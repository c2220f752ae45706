package dev.otelspring.autoconfigure.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real requests through a real embedded server on a random port; the SERVER spans are
 * asserted as they arrive at a real OTLP receiver.
 */
@WithOtlpReceiver
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.service.name=web-test", "otel.bsp.schedule.delay=50ms",
				"otel.spring.http.server.trace-response-header=true",
				"otel.spring.http.server.skip-paths=/actuator/health,/internal/**",
				"otel.instrumentation.http.server.capture-request-headers=X-Request-Id,Authorization,Cookie",
				"otel.instrumentation.http.server.capture-response-headers=Content-Type,Set-Cookie" })
@ExtendWith(OutputCaptureExtension.class)
class ServerTracingIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void successfulRequestFollowsTheHttpSemanticConventions() {
		HttpResponse<String> response = TestHttp.get(url("/api/orders/42?q=shoes&token=abc123"), "User-Agent",
				"test-agent/1.0", "X-Request-Id", "req-7", "Authorization", "Bearer secret", "Cookie", "id=secret");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /api/orders/{id}");
		assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
		assertThat(span.parentSpanId()).isEmpty();
		assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
		assertThat(span.attributes()).containsEntry("http.request.method", "GET")
			.containsEntry("url.path", "/api/orders/42")
			.containsEntry("url.query", "q=shoes&token=REDACTED")
			.containsEntry("url.scheme", "http")
			.containsEntry("http.route", "/api/orders/{id}")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("server.address", "localhost")
			.containsEntry("server.port", (long) this.port)
			.containsEntry("client.address", "127.0.0.1")
			.containsEntry("user_agent.original", "test-agent/1.0")
			.containsEntry("network.protocol.version", "1.1")
			.containsEntry("http.request.header.x-request-id", List.of("req-7"))
			.containsKey("http.response.header.content-type")
			.doesNotContainKeys("http.request.header.authorization", "http.request.header.cookie",
					"http.response.header.set-cookie", "error.type");
		assertThat(span.span().toString()).doesNotContain("secret").doesNotContain("abc123");
		assertThat(span.scope()).isEqualTo("dev.otelspring.web.servlet");
		String[] traceresponse = response.headers().firstValue("traceresponse").orElseThrow().split("-");
		assertThat(traceresponse[2]).isEqualTo(span.spanId());
	}

	@Test
	void continuesTheCallersTrace() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		HttpResponse<String> response = TestHttp.get(url("/api/orders/1"), "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");
		ReceivedSpan span = serverSpan(response);
		assertThat(span.traceId()).isEqualTo(traceId);
		assertThat(span.parentSpanId()).isEqualTo("00f067aa0ba902b7");
	}

	@Test
	void exceptionEscapingTheHandlerIsAnErrorWithTheExceptionRecorded() {
		HttpResponse<String> response = TestHttp.get(url("/api/fail"));
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /api/fail");
		assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(span.attributes()).containsEntry("http.response.status_code", 500L)
			.containsEntry("error.type", "java.lang.IllegalStateException");
		assertThat(span.events()).hasSize(1);
		Span.Event event = span.events().get(0);
		assertThat(event.getName()).isEqualTo("exception");
		assertThat(ReceivedSpan.toMap(event.getAttributesList()))
			.containsEntry("exception.type", "java.lang.IllegalStateException")
			.containsEntry("exception.message", "boom")
			.hasEntrySatisfying("exception.stacktrace",
					(trace) -> assertThat((String) trace).contains("WebTestApplication$Endpoints.fail"));
		// The error dispatch to /error made no second span.
		await().during(Duration.ofMillis(300))
			.until(() -> this.receiver.spans()
				.stream()
				.noneMatch((s) -> s.traceId().equals(span.traceId()) && s != span
						&& s.kind() == Span.SpanKind.SPAN_KIND_SERVER && !s.spanId().equals(span.spanId())));
	}

	@Test
	void exceptionHandledByTheApplicationIsRecordedAndA4xxIsNotAnError() {
		HttpResponse<String> response = TestHttp.get(url("/api/handled"));
		assertThat(response.statusCode()).isEqualTo(400);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
		assertThat(span.attributes()).containsEntry("http.response.status_code", 400L).doesNotContainKey("error.type");
		assertThat(span.events()).singleElement()
			.satisfies((event) -> assertThat(ReceivedSpan.toMap(event.getAttributesList()))
				.containsEntry("exception.message", "quantity must be positive"));
	}

	@Test
	void fiveHundredsAreErrorsAndFourHundredsAreNot() {
		ReceivedSpan unavailable = serverSpan(TestHttp.get(url("/api/unavailable")));
		assertThat(unavailable.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(unavailable.attributes()).containsEntry("error.type", "503");
		ReceivedSpan notFound = serverSpan(TestHttp.get(url("/api/not-found")));
		assertThat(notFound.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
		assertThat(notFound.attributes()).containsEntry("http.response.status_code", 404L);
	}

	@Test
	void unmatchedPathIsNamedByTheMethodAloneNeverTheRawPath() {
		HttpResponse<String> response = TestHttp.get(url("/no/such/path/123"));
		assertThat(response.statusCode()).isEqualTo(404);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET");
		assertThat(span.attributes()).containsEntry("url.path", "/no/such/path/123");
	}

	@Test
	void unknownMethodIsRecordedAsOther() {
		HttpResponse<String> response = TestHttp.send("FROB", url("/api/orders/1"), null);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("HTTP");
		assertThat(span.attributes()).containsEntry("http.request.method", "_OTHER")
			.containsEntry("http.request.method_original", "FROB");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/async/callable", "/async/deferred", "/async/future", "/async/stream", "/async/sse" })
	void asyncRequestsEndWhenTheAsyncWorkCompletes(String path) {
		HttpResponse<String> response = TestHttp.get(url(path));
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET " + path);
		long durationNanos = span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano();
		assertThat(Duration.ofNanos(durationNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
		assertThat(span.attributes()).containsEntry("http.response.status_code", 200L);
		await().during(Duration.ofMillis(200))
			.until(() -> this.receiver.spans()
				.stream()
				.filter((s) -> s.traceId().equals(span.traceId()) && s.kind() == Span.SpanKind.SPAN_KIND_SERVER)
				.count() == 1);
	}

	@Test
	void asyncFailureIsAnError() {
		HttpResponse<String> response = TestHttp.get(url("/async/future-failure"));
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(span.attributes()).containsEntry("http.response.status_code", 500L);
	}

	@Test
	void skippedPathsMakeNoSpan() {
		HttpResponse<String> health = TestHttp.get(url("/actuator/health"));
		HttpResponse<String> internal = TestHttp.get(url("/internal/ping"));
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(internal.statusCode()).isEqualTo(200);
		assertThat(health.headers().firstValue("traceresponse")).isEmpty();
		assertThat(internal.headers().firstValue("traceresponse")).isEmpty();
		TestHttp.get(url("/api/orders/after-skip"));
		this.receiver.awaitSpan((span) -> "/api/orders/after-skip".equals(span.attribute("url.path")));
		assertThat(this.receiver.spans()).noneMatch((span) -> {
			Object path = span.attribute("url.path");
			return "/actuator/health".equals(path) || "/internal/ping".equals(path);
		});
	}

	@Test
	void pathParametersNeitherReachTheSpanNorSkipIt() {
		HttpResponse<String> session = TestHttp.get(url("/api/orders/7;jsessionid=SECRETSESSION"));
		assertThat(session.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(session);
		assertThat(span.attributes()).containsEntry("url.path", "/api/orders/7");
		assertThat(span.span().toString()).doesNotContain("SECRETSESSION");
		// Reaches the controller, so it is not a stylesheet, whatever *.css says.
		HttpResponse<String> disguised = TestHttp.get(url("/api/orders/8;.css"));
		assertThat(disguised.statusCode()).isEqualTo(200);
		assertThat(serverSpan(disguised).attributes()).containsEntry("url.path", "/api/orders/8")
			.containsEntry("http.route", "/api/orders/{id}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "00-zzzz-00f067aa0ba902b7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra-junk-that-is-long", "" })
	void malformedTraceparentStartsAFreshTrace(String traceparent, CapturedOutput output) {
		HttpResponse<String> response = TestHttp.get(url("/api/orders/malformed"), "traceparent",
				traceparent.isEmpty() ? "x".repeat(3000) : traceparent, "tracestate", "a=b,=,,,," + "k=v".repeat(200),
				"baggage", "%%%;;;=,==" + "x".repeat(2000));
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.parentSpanId()).isEmpty();
		assertThat(span.traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(output.getOut() + output.getErr()).doesNotContain("WARN").doesNotContain("ERROR");
	}

	@Test
	void duplicateTraceparentHeadersDoNotBreakTheRequest(CapturedOutput output) {
		HttpResponse<String> response = TestHttp.get(url("/api/orders/dup"), "traceparent",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "traceparent",
				"00-11111111111111111111111111111111-2222222222222222-01");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /api/orders/{id}");
		assertThat(output.getOut() + output.getErr()).doesNotContain("WARN").doesNotContain("ERROR");
	}

	@Test
	void nonAsciiTraceHeadersAreIgnored(CapturedOutput output) throws Exception {
		String status = TestHttp.raw(this.port, "GET /api/orders/raw HTTP/1.1\r\nHost: localhost\r\n"
				+ "traceparent: 00-ünïcödé-☃-01\r\nbaggage: ключ=значение\r\nb3: ☃\r\nConnection: close\r\n\r\n");
		assertThat(status).startsWith("HTTP/1.1 200");
		ReceivedSpan span = this.receiver.awaitSpan((s) -> "/api/orders/raw".equals(s.attribute("url.path")));
		assertThat(span.parentSpanId()).isEmpty();
		assertThat(output.getOut() + output.getErr()).doesNotContain("WARN").doesNotContain("ERROR");
	}

	private ReceivedSpan serverSpan(HttpResponse<?> response) {
		String traceId = TestHttp.traceId(response);
		return this.receiver
			.awaitSpan((span) -> span.traceId().equals(traceId) && span.kind() == Span.SpanKind.SPAN_KIND_SERVER);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
