package dev.otelspring.autoconfigure.web.reactive;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real WebFlux server on Reactor Netty, with no servlet stack on the class path, its
 * spans received over OTLP: the request's SERVER span with its route, the {@code @Traced}
 * method, the {@code WebClient} call and the callee under it across scheduler hops, and
 * the log line's ids; a failing handler; a stream that ends its span when it completes; a
 * request the client abandons; retries as spans of their own; continued and malformed
 * trace headers.
 */
@WithOtlpReceiver
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.http.server.trace-response-header=true" })
class ReactiveTracingIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void theHandlersPipelineCallAndLogLineAreInTheRequestsTraceAcrossTwoServers(CapturedOutput output) {
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(ReactiveTestApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--otel.service.name=greeting-suffixes",
				"--otel.exporter.otlp.endpoint=" + this.receiver.endpoint(), "--otel.bsp.schedule.delay=50ms")) {
			String otherPort = other.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> response = TestHttp.get(url("/greet/ada?port=" + otherPort));
			assertThat(response.body()).isEqualTo("hello ada!");
			String traceId = TestHttp.traceId(response);
			await().until(() -> trace(traceId).size() >= 4);
			List<ReceivedSpan> trace = trace(traceId);
			ReceivedSpan server = named(trace, "GET /greet/{name}");
			assertThat(server.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
			assertThat(server.parentSpanId()).isEmpty();
			assertThat(server.attributes()).containsEntry("http.route", "/greet/{name}")
				.containsEntry("url.path", "/greet/ada")
				.containsEntry("http.request.method", "GET")
				.containsEntry("http.response.status_code", 200L);
			assertThat(named(trace, "compose-greeting").parentSpanId()).isEqualTo(server.spanId());
			ReceivedSpan client = named(trace, "GET");
			assertThat(client.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
			assertThat(client.parentSpanId()).isEqualTo(server.spanId());
			assertThat(client.attributes()).containsEntry("url.full", "http://127.0.0.1:" + otherPort + "/downstream")
				.containsEntry("http.response.status_code", 200L);
			ReceivedSpan downstream = named(trace, "GET /downstream");
			assertThat(downstream.parentSpanId()).isEqualTo(client.spanId());
			assertThat(downstream.resource()).containsEntry("service.name", "greeting-suffixes");
			assertThat(output.getOut()).containsPattern("\\[" + traceId + ",[0-9a-f]{16}\\].*greeted ada");
		}
	}

	@Test
	void aFailingHandlerIs500WithItsException() {
		HttpResponse<String> response = TestHttp.get(url("/fail"));
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan server = this.receiver.awaitSpanNamed("GET /fail");
		assertThat(server.statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(server.attributes()).containsEntry("http.response.status_code", 500L)
			.containsEntry("error.type", "java.lang.IllegalStateException");
		assertThat(server.events()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
	}

	@Test
	void anUnknownPathIs404AndNoServerError() {
		HttpResponse<String> response = TestHttp.get(url("/nowhere/at/all"));
		assertThat(response.statusCode()).isEqualTo(404);
		ReceivedSpan server = this.receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
				&& "/nowhere/at/all".equals(span.attribute("url.path")));
		assertThat(server.name()).isEqualTo("GET");
		assertThat(server.statusCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(server.attributes()).containsEntry("http.response.status_code", 404L)
			.doesNotContainKey("http.route");
	}

	@Test
	void aStreamEndsItsSpanWhenItCompletes() {
		HttpResponse<String> response = TestHttp.get(url("/ticks"));
		assertThat(response.body()).contains("data:0").contains("data:2");
		ReceivedSpan server = this.receiver.awaitSpanNamed("GET /ticks");
		long durationNanos = server.span().getEndTimeUnixNano() - server.span().getStartTimeUnixNano();
		assertThat(Duration.ofNanos(durationNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(server.attributes()).containsEntry("http.response.status_code", 200L);
	}

	@Test
	void aRequestTheClientAbandonsEndsItsSpanMarkedCancelled() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// The handler is waiting; the client goes away.
			await().pollDelay(Duration.ofMillis(300)).until(() -> true);
		}
		ReceivedSpan server = this.receiver.awaitSpanNamed("GET /slow");
		assertThat(server.attributes()).containsEntry("error.type", "cancelled")
			.doesNotContainKey("http.response.status_code");
	}

	@Test
	void aCallTheCallerGivesUpOnEndsItsSpanMarkedCancelled() {
		HttpResponse<String> response = TestHttp.get(url("/impatient"));
		assertThat(response.body()).isEqualTo("gave up");
		String traceId = TestHttp.traceId(response);
		await().until(() -> clients(traceId).size() >= 1);
		assertThat(clients(traceId)).singleElement()
			.satisfies((client) -> assertThat(client.attributes()).containsEntry("error.type", "cancelled")
				.doesNotContainKey("http.response.status_code"));
	}

	@Test
	void eachRetryIsAClientSpanOfItsOwn() {
		HttpResponse<String> response = TestHttp.get(url("/retry"));
		assertThat(response.body()).isEqualTo("ok");
		String traceId = TestHttp.traceId(response);
		await().until(() -> clients(traceId).size() >= 2);
		assertThat(clients(traceId)).extracting((span) -> span.attribute("http.response.status_code"))
			.containsExactlyInAnyOrder(503L, 200L);
	}

	@Test
	void aCallersTraceIsContinuedAndMalformedHeadersStartANewOne() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		TestHttp.send("GET", url("/downstream"), null, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
		ReceivedSpan continued = this.receiver
			.awaitSpan((span) -> span.name().equals("GET /downstream") && span.traceId().equals(traceId));
		assertThat(continued.parentSpanId()).isEqualTo("00f067aa0ba902b7");
		HttpResponse<String> response = TestHttp.send("GET", url("/downstream"), null, "traceparent",
				"00-zzzz-not-a-trace-01");
		assertThat(response.statusCode()).isEqualTo(200);
		String newTrace = TestHttp.traceId(response);
		ReceivedSpan fresh = this.receiver
			.awaitSpan((span) -> span.name().equals("GET /downstream") && span.traceId().equals(newTrace));
		assertThat(fresh.parentSpanId()).isEmpty();
	}

	private List<ReceivedSpan> trace(String traceId) {
		return this.receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private List<ReceivedSpan> clients(String traceId) {
		return trace(traceId).stream().filter((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT).toList();
	}

	private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> matching = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(matching).as("spans named " + name).hasSize(1);
		return matching.get(0);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
