package dev.otelspring.autoconfigure.metrics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedMetric;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real requests of known duration through a real server; the metric points are asserted
 * as they arrive at a real OTLP receiver, decoded with the official protobuf definitions.
 */
@WithOtlpReceiver
@SpringBootTest(classes = MetricsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.service.name=metrics-test", "otel.bsp.schedule.delay=50ms",
				"otel.metric.export.interval=300ms", "otel.spring.http.server.trace-response-header=true" })
class HttpMetricsIntegrationTests {

	private static final List<Double> CONVENTION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
			0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void serverDurationsLandInTheConventionsBucketsWithTheRouteNotThePath() {
		for (int i = 0; i < 3; i++) {
			assertThat(TestHttp.get(url("/api/timed/30")).statusCode()).isEqualTo(200);
		}
		for (int i = 0; i < 2; i++) {
			assertThat(TestHttp.get(url("/api/timed/300")).statusCode()).isEqualTo(200);
		}
		HistogramDataPoint point = awaitHistogramPoint("http.server.request.duration",
				Map.of("http.route", "/api/timed/{millis}"), 5);
		assertThat(attributes(point)).containsEntry("http.request.method", "GET")
			.containsEntry("url.scheme", "http")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("network.protocol.version", "1.1")
			.doesNotContainKeys("url.path", "url.full", "error.type");
		assertThat(point.getExplicitBoundsList()).isEqualTo(CONVENTION_BUCKETS);
		List<Long> buckets = point.getBucketCountsList();
		// 30 ms requests: above 0.025 s, at most 0.25 s; 300 ms requests: above 0.25 s.
		assertThat(buckets.subList(0, 3)).allMatch((count) -> count == 0);
		assertThat(buckets.subList(3, 7).stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
		assertThat(buckets.subList(7, buckets.size()).stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
		assertThat(point.getSum()).isGreaterThanOrEqualTo(3 * 0.030 + 2 * 0.300);
		assertThat(point.getMin()).isGreaterThanOrEqualTo(0.030);
		assertThat(point.getMax()).isGreaterThanOrEqualTo(0.300).isLessThan(2.0);
		ReceivedMetric metric = this.receiver.awaitMetric("http.server.request.duration");
		assertThat(metric.metric().getUnit()).isEqualTo("s");
		assertThat(metric.scope()).isEqualTo("dev.otelspring.web.servlet");
		assertThat(metric.resource()).containsEntry("service.name", "metrics-test");
	}

	@Test
	void exemplarsTieBucketsToExportedTraces() {
		HttpResponse<String> response = TestHttp.get(url("/api/sleep/5"));
		String traceId = TestHttp.traceId(response);
		ReceivedSpan server = this.receiver
			.awaitSpan((span) -> span.traceId().equals(traceId) && span.name().equals("GET /api/sleep/{millis}"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(histogramPoints("http.server.request.duration").stream()
				.flatMap((point) -> point.getExemplarsList().stream())
				.map((exemplar) -> HexFormat.of().formatHex(exemplar.getTraceId().toByteArray()))
				.collect(Collectors.toSet())).contains(server.traceId()));
	}

	@Test
	void failuresCarryErrorTypeAndLabelsStayBounded() {
		assertThat(TestHttp.get(url("/api/fail")).statusCode()).isEqualTo(500);
		TestHttp.send("FOO", url("/api/sleep/1"), null);
		for (int i = 0; i < 20; i++) {
			TestHttp.get(url("/random/" + i + "/path"));
		}
		HistogramDataPoint failed = awaitHistogramPoint("http.server.request.duration",
				Map.of("http.route", "/api/fail"), 1);
		assertThat(attributes(failed)).containsEntry("http.response.status_code", 500L)
			.containsEntry("error.type", IllegalStateException.class.getName());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> histogramPoints("http.server.request.duration").stream()
				.anyMatch((point) -> "_OTHER".equals(attributes(point).get("http.request.method"))));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> histogramPoints("http.server.request.duration").stream()
				.anyMatch((point) -> Long.valueOf(404).equals(attributes(point).get("http.response.status_code"))));
		Set<Map<String, Object>> sets = histogramPoints("http.server.request.duration").stream()
			.map(HttpMetricsIntegrationTests::attributes)
			.collect(Collectors.toSet());
		assertThat(sets).allSatisfy((set) -> assertThat(set.values().toString()).doesNotContain("/random/"));
		assertThat(sets).filteredOn((set) -> Long.valueOf(404).equals(set.get("http.response.status_code"))).hasSize(1);
	}

	@Test
	void activeRequestsCountRequestsInFlight() {
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture
			.supplyAsync(() -> TestHttp.get(url("/api/sleep/2000")));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> lastSumValue("http.server.active_requests", Map.of("http.request.method", "GET")) >= 1);
		assertThat(slow.join().statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> lastSumValue("http.server.active_requests", Map.of("http.request.method", "GET")) == 0);
	}

	@Test
	void clientCallsRecordTheirDurationWithTheServerAddress() {
		assertThat(TestHttp.get(url("/api/call/40")).statusCode()).isEqualTo(200);
		HistogramDataPoint point = awaitHistogramPoint("http.client.request.duration",
				Map.of("server.port", (long) this.port), 1);
		assertThat(attributes(point)).containsEntry("http.request.method", "GET")
			.containsEntry("server.address", "localhost")
			.containsEntry("url.scheme", "http")
			.containsEntry("http.response.status_code", 200L)
			.doesNotContainKeys("url.full", "error.type");
		assertThat(point.getSum()).isGreaterThanOrEqualTo(0.040);
		assertThat(this.receiver.awaitMetric("http.client.request.duration").scope())
			.isEqualTo("dev.otelspring.web.client");
	}

	@Test
	void jvmAndExportPipelineMetricsArrive() {
		TestHttp.get(url("/api/sleep/1"));
		System.gc();
		for (String name : List.of("jvm.memory.used", "jvm.thread.count", "jvm.class.loaded", "jvm.cpu.time",
				"jvm.gc.duration")) {
			this.receiver.awaitMetric(name);
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> lastSumValue("otel.sdk.exporter.span.exported", Map.of()) > 0);
		assertThat(lastSumValue("otel.sdk.processor.span.queue.capacity", Map.of())).isEqualTo(8192);
		assertThat(
				this.receiver.awaitMetric("otel.sdk.processor.span.queue.size").metric().getSum().getDataPointsList())
			.isNotEmpty();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private List<HistogramDataPoint> histogramPoints(String name) {
		List<ReceivedMetric> metrics = this.receiver.metrics(name);
		if (metrics.isEmpty()) {
			return List.of();
		}
		return metrics.get(metrics.size() - 1).metric().getHistogram().getDataPointsList();
	}

	private HistogramDataPoint awaitHistogramPoint(String name, Map<String, Object> attributes, long count) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> histogramPoints(name).stream()
				.anyMatch((point) -> matches(point.getAttributesList(), attributes) && point.getCount() >= count));
		return histogramPoints(name).stream()
			.filter((point) -> matches(point.getAttributesList(), attributes))
			.findFirst()
			.orElseThrow();
	}

	private long lastSumValue(String name, Map<String, Object> attributes) {
		List<ReceivedMetric> metrics = this.receiver.metrics(name);
		if (metrics.isEmpty()) {
			return -1;
		}
		Metric metric = metrics.get(metrics.size() - 1).metric();
		return metric.getSum()
			.getDataPointsList()
			.stream()
			.filter((point) -> matches(point.getAttributesList(), attributes))
			.mapToLong(NumberDataPoint::getAsInt)
			.sum();
	}

	private static boolean matches(List<io.opentelemetry.proto.common.v1.KeyValue> actual,
			Map<String, Object> expected) {
		return ReceivedSpan.toMap(actual).entrySet().containsAll(expected.entrySet());
	}

	private static Map<String, Object> attributes(HistogramDataPoint point) {
		return ReceivedSpan.toMap(point.getAttributesList());
	}

}
