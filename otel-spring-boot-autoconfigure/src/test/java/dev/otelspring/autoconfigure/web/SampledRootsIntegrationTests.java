package dev.otelspring.autoconfigure.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.semconv.UrlAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ratio sampler drops traces at the root without looking at attributes, so the server
 * span gets its request attributes only once it is known to record. Real requests at a
 * ratio of one half: each trace is sampled exactly when the SDK's ratio rule says for its
 * own trace id, every sampled span arrives with all its attributes, and no dropped trace
 * arrives at all. A span processor sees the attributes when the span ends, not when it
 * starts. With metrics off, a dropped request's end is not recorded at all; async and
 * failing requests are answered as ever.
 */
@WithOtlpReceiver
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.traces.sampler=parentbased_traceidratio",
				"otel.traces.sampler.arg=0.5", "otel.metrics.exporter=none",
				"otel.spring.http.server.trace-response-header=true",
				"otel.instrumentation.http.server.capture-request-headers=X-Request-Id" })
@Import(SampledRootsIntegrationTests.StartWatcher.class)
class SampledRootsIntegrationTests {

	private static final int REQUESTS = 40;

	@Autowired
	OtlpHttpReceiver receiver;

	@Autowired
	StartWatcher startWatcher;

	@LocalServerPort
	int port;

	@Test
	void rootsAreSampledByTheirTraceIdAndSampledSpansHaveEveryAttribute() {
		List<String> sampled = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			HttpResponse<String> response = TestHttp.get(url("/api/orders/" + i + "?q=shoes"), "User-Agent",
					"test-agent/1.0", "X-Request-Id", "req-" + i);
			assertThat(response.statusCode()).isEqualTo(200);
			String traceId = TestHttp.traceId(response);
			boolean sampledFlag = TestHttp.sampled(response);
			assertThat(sampledFlag).as(traceId).isEqualTo(TestHttp.ratioSamples(traceId, 0.5));
			(sampledFlag ? sampled : dropped).add(traceId);
		}
		// At one half, 40 requests give both outcomes but for a chance of 2 in 10^12.
		assertThat(sampled).isNotEmpty();
		assertThat(dropped).isNotEmpty();
		for (String traceId : sampled) {
			ReceivedSpan span = this.receiver.awaitSpan((received) -> received.traceId().equals(traceId));
			assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
			assertThat(span.name()).isEqualTo("GET /api/orders/{id}");
			assertThat(span.attributes()).containsEntry("http.request.method", "GET")
				.containsKey("url.path")
				.containsEntry("url.query", "q=shoes")
				.containsEntry("url.scheme", "http")
				.containsEntry("server.address", "localhost")
				.containsEntry("server.port", (long) this.port)
				.containsEntry("client.address", "127.0.0.1")
				.containsEntry("user_agent.original", "test-agent/1.0")
				.containsEntry("network.protocol.version", "1.1")
				.containsKey("http.request.header.x-request-id")
				.containsEntry("http.route", "/api/orders/{id}")
				.containsEntry("http.response.status_code", 200L);
			assertThat(this.startWatcher.urlPathAtStart).containsEntry(traceId, "none");
		}
		// Give any wrongly exported span time to arrive before checking that none did.
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		assertThat(this.receiver.spans()).noneMatch((span) -> dropped.contains(span.traceId()));
	}

	@Test
	void asyncAndFailingRequestsAreAnsweredAndTheirSampledSpansEnd() {
		List<String> dropped = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			for (String path : List.of("/async/deferred", "/async/callable", "/api/fail")) {
				HttpResponse<String> response = TestHttp.get(url(path));
				assertThat(response.statusCode()).as(path).isEqualTo(path.equals("/api/fail") ? 500 : 200);
				String traceId = TestHttp.traceId(response);
				if (TestHttp.sampled(response)) {
					ReceivedSpan span = this.receiver.awaitSpan((received) -> received.traceId().equals(traceId));
					assertThat(span.name()).isEqualTo("GET " + path);
					assertThat(span.attributes()).containsEntry("url.path", path)
						.containsEntry("http.response.status_code", path.equals("/api/fail") ? 500L : 200L);
				}
				else {
					dropped.add(traceId);
				}
			}
		}
		assertThat(dropped).isNotEmpty();
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		assertThat(this.receiver.spans()).noneMatch((span) -> dropped.contains(span.traceId()));
	}

	@Test
	void anUnknownMethodIsRecordedAsOtherOnceTheSpanRecords() {
		ReceivedSpan span = null;
		for (int i = 0; i < 40 && span == null; i++) {
			HttpResponse<String> response = TestHttp.send("FROB", url("/api/orders/" + i), null);
			if (TestHttp.sampled(response)) {
				String traceId = TestHttp.traceId(response);
				span = this.receiver.awaitSpan((received) -> received.traceId().equals(traceId));
			}
		}
		assertThat(span).isNotNull();
		assertThat(span.name()).isEqualTo("HTTP");
		assertThat(span.attributes()).containsEntry("http.request.method", "_OTHER")
			.containsEntry("http.request.method_original", "FROB");
	}

	@Test
	void aCallersSampledSpanIsFollowedWithEveryAttribute() {
		String traceId = "4bf92f3577b34da66a3ce929d0e0e473";
		assertThat(TestHttp.ratioSamples(traceId, 0.5)).isFalse();
		HttpResponse<String> response = TestHttp.get(url("/api/orders/5"), "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = this.receiver.awaitSpan((received) -> received.traceId().equals(traceId));
		assertThat(span.parentSpanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(span.attributes()).containsEntry("http.request.method", "GET")
			.containsEntry("url.path", "/api/orders/5")
			.containsEntry("server.port", (long) this.port)
			.containsEntry("http.route", "/api/orders/{id}");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** Records the {@code url.path} each span had when it started. */
	@TestConfiguration(proxyBeanMethods = false)
	static class StartWatcher {

		final Map<String, String> urlPathAtStart = new ConcurrentHashMap<>();

		@Bean
		SpanProcessor startWatchingProcessor() {
			return new SpanProcessor() {

				@Override
				public void onStart(Context parentContext, ReadWriteSpan span) {
					String path = span.getAttribute(UrlAttributes.URL_PATH);
					StartWatcher.this.urlPathAtStart.put(span.getSpanContext().getTraceId(),
							(path != null) ? path : "none");
				}

				@Override
				public boolean isStartRequired() {
					return true;
				}

				@Override
				public void onEnd(ReadableSpan span) {
				}

				@Override
				public boolean isEndRequired() {
					return false;
				}

			};
		}

	}

}
