package dev.otelspring.autoconfigure.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated trace headers, absurd URLs and methods through a real server:
 * every request is served, no exception escapes, nothing is logged above DEBUG per
 * request, and span attributes stay within the configured limits whatever the request
 * sends.
 */
@WithOtlpReceiver
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// always_on: a generated header can be a valid "not sampled" parent, which would
		// be honoured.
		properties = { "otel.propagators=tracecontext,baggage,b3,b3multi,jaeger,ottrace",
				"otel.traces.sampler=always_on", "otel.bsp.schedule.delay=50ms", "otel.bsp.max.queue.size=8192",
				"otel.span.attribute.value.length.limit=64", "otel.span.attribute.count.limit=12",
				"otel.instrumentation.http.server.capture-request-headers=x-a,x-b,x-c,x-d,x-e,x-f,x-g,x-h" })
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIntegrationTests {

	static final String[] HEADERS = { "traceparent", "tracestate", "baggage", "b3", "X-B3-TraceId", "X-B3-SpanId",
			"X-B3-Sampled", "X-B3-Flags", "uber-trace-id", "ot-tracer-traceid", "ot-tracer-spanid" };

	static final String ALPHABET = "0123456789abcdefABCDEF-=,;:%/._ ~!*'()&+xyz\t";

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void generatedTraceHeadersNeverBreakARequest(CapturedOutput output) throws Exception {
		Random random = new Random(20261124L);
		int requests = 2000;
		List<String[]> headerSets = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			List<String> headers = new ArrayList<>();
			int count = 1 + random.nextInt(4);
			for (int h = 0; h < count; h++) {
				headers.add(HEADERS[random.nextInt(HEADERS.length)]);
				headers.add(generate(random));
			}
			headerSets.add(headers.toArray(String[]::new));
		}
		TestHttp.concurrently(4, requests,
				(n) -> TestHttp.get("http://localhost:" + this.port + "/api/orders/fuzz-" + n, headerSets.get(n)), 200);
		this.receiver.awaitSpans(requests);
		assertThat(this.receiver.spans())
			.filteredOn((span) -> String.valueOf(span.attribute("url.path")).startsWith("/api/orders/fuzz-"))
			.hasSize(requests);
		assertNoWarnings(output);
	}

	@Test
	void rawNonAsciiRepeatedAndOversizedHeadersAreIgnored(CapturedOutput output) throws Exception {
		String[] requests = {
				"traceparent: 00-ünïcödé-ñ-01\r\ntraceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\n",
				"b3: \u00ff\u00fe\u00fd-\u00e9-1\r\nbaggage: " + "k=v,".repeat(1000) + "%zz=%%\r\n",
				"uber-trace-id: :::::\r\ntracestate: " + "a=b,".repeat(900) + "\r\n",
				"X-B3-TraceId: \u2603\u2603\r\nX-B3-SpanId: zz\r\nX-B3-Sampled: maybe\r\n" };
		for (String headers : requests) {
			String status = TestHttp.raw(this.port,
					"GET /api/orders/raw HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n");
			assertThat(status).startsWith("HTTP/1.1 200");
		}
		assertNoWarnings(output);
	}

	@Test
	void absurdUrlsAndMethodsAreServedAsTheServerWould(CapturedOutput output) throws Exception {
		String[] lines = { "GET /" + "a/".repeat(1500) + " HTTP/1.1", "GET /api/orders/%00%ff%c0%af HTTP/1.1",
				"GET /api/orders/1?" + "x=1&".repeat(1000) + "token=abc HTTP/1.1", "GET /..;/..;/etc/passwd HTTP/1.1",
				"BREW /coffee HTTP/1.1", "X".repeat(200) + " /api/orders/1 HTTP/1.1", "GET /%2e%2e/%2e%2e HTTP/1.1" };
		for (String line : lines) {
			String status = TestHttp.raw(this.port, line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(status).as(line.substring(0, Math.min(60, line.length()))).startsWith("HTTP/1.1 ");
			assertThat(status).doesNotStartWith("HTTP/1.1 5");
		}
		assertNoWarnings(output);
	}

	@Test
	void attributeLimitsHoldWhateverTheRequestSends() {
		String longAgent = "agent-" + "x".repeat(4000);
		HttpResponse<String> response = TestHttp.get("http://localhost:" + this.port + "/api/orders/limits",
				"User-Agent", longAgent, "x-a", "1", "x-b", "2", "x-c", "3", "x-d", "4", "x-e", "5", "x-f", "6", "x-g",
				"7", "x-h", "8");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = this.receiver.awaitSpan((s) -> "/api/orders/limits".equals(s.attribute("url.path")));
		assertThat(span.attributes()).hasSizeLessThanOrEqualTo(12);
		assertThat(span.span().getDroppedAttributesCount()).isPositive();
		assertThat(span.attributes().values())
			.allSatisfy((value) -> assertThat(String.valueOf(value).length()).isLessThanOrEqualTo(64 + 2));
	}

	@Test
	void aBatteryOfMalformedTraceHeadersIsIgnoredAndEveryRequestTraced(CapturedOutput output) {
		String valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		String[][] battery = { { "traceparent", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
				{ "traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01" },
				{ "traceparent", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01" },
				{ "traceparent", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01" },
				{ "traceparent", valid + "-extra-field" }, { "traceparent", valid.substring(0, 52) },
				{ "traceparent", valid, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00" },
				{ "traceparent", valid, "tracestate", "k=" + "v".repeat(7000) },
				{ "traceparent", valid, "tracestate", "a=1,".repeat(1500) },
				{ "b3", "0af7651916cd43dd8448eb211c80319c-zzzz-1" }, { "b3", "-" }, { "b3", "1-2-3-4-5-6" },
				{ "X-B3-TraceId", "not-hex", "X-B3-SpanId", "b7ad6b7169203331", "X-B3-Sampled", "2" },
				{ "uber-trace-id", "0af7651916cd43dd8448eb211c80319c:zz:0:1" }, { "uber-trace-id", "::::" },
				{ "ot-tracer-traceid", "zz", "ot-tracer-spanid", "-1" }, { "baggage", "k=" + "%".repeat(3000) },
				{ "baggage", "k=v;".repeat(1500) }, { "baggage", ",".repeat(6000) },
				{ "baggage", "a=1", "baggage", "b=" + "/".repeat(2700) } };
		int headers = 0;
		for (int i = 0; i < battery.length; i++) {
			String path = "/api/orders/battery-" + i;
			assertThat(TestHttp.get("http://localhost:" + this.port + path, battery[i]).statusCode()).isEqualTo(200);
			ReceivedSpan span = this.receiver.awaitSpan((s) -> path.equals(s.attribute("url.path")));
			if (i < 4) {
				// Invalid by the specification: never continued.
				assertThat(span.parentSpanId()).as(battery[i][1].substring(0, 20)).isEmpty();
			}
			headers += battery[i].length / 2;
		}
		System.out.printf("header battery: %d requests, %d headers, every one served and traced%n", battery.length,
				headers);
		assertNoWarnings(output);
	}

	@Test
	void aPlantedSecretReachesNoSpanAndNoLogLine(CapturedOutput output) throws Exception {
		String secret = "S3CR3T-PLANTED-7f3a";
		String base = "http://localhost:" + this.port;
		assertThat(TestHttp
			.get(base + "/api/orders/secret-1?token=" + secret + "&Password=" + secret + "&access%5Ftoken=" + secret,
					"Authorization", "Bearer " + secret, "Cookie", "session=" + secret, "Proxy-Authorization",
					"Basic " + secret, "baggage", "user=" + secret)
			.statusCode()).isEqualTo(200);
		assertThat(
				TestHttp.raw(this.port,
						"GET /api/orders/secret-2;jsessionid=" + secret
								+ " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
			.startsWith("HTTP/1.1 200");
		assertThat(TestHttp.raw(this.port, "GET http://user:" + secret + "@localhost:" + this.port
				+ "/api/orders/secret-3?TOKEN=" + secret + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
			.startsWith("HTTP/1.1 ");
		this.receiver.awaitSpan((span) -> "/api/orders/secret-1".equals(span.attribute("url.path")));
		this.receiver.awaitSpan((span) -> "/api/orders/secret-2".equals(span.attribute("url.path")));
		assertThat(this.receiver.spans())
			.allSatisfy((span) -> assertThat(span.span().toString()).doesNotContain(secret));
		assertThat(output.getOut() + output.getErr()).doesNotContain(secret);
	}

	private static String generate(Random random) {
		int shape = random.nextInt(4);
		if (shape == 0) {
			// Almost valid: a real traceparent with one character changed.
			char[] valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".toCharArray();
			valid[random.nextInt(valid.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
			return new String(valid);
		}
		// Long, but within the server's 8 KB header limit for up to four of them.
		int length = (shape == 1) ? random.nextInt(1500) : random.nextInt(80);
		StringBuilder value = new StringBuilder(length + 1);
		value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length() - 1)));
		for (int i = 0; i < length; i++) {
			value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return value.toString().strip().isEmpty() ? "x" : value.toString().strip();
	}

	/**
	 * Nothing from tracing above DEBUG. Spring MVC's own WARN for an unsupported method
	 * is the application's business, not tracing's.
	 */
	private static void assertNoWarnings(CapturedOutput output) {
		String log = output.getOut() + output.getErr();
		assertThat(log.lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.allSatisfy((line) -> assertThat(line).contains("DefaultHandlerExceptionResolver"));
		assertThat(log).doesNotContain("at io.opentelemetry").doesNotContain("at dev.otelspring");
	}

}
