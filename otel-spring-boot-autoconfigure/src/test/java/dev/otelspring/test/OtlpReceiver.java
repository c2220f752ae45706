package dev.otelspring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import static org.awaitility.Awaitility.await;

/**
 * What the test receivers share: the export requests (traces, metrics and logs) that
 * arrived, with their headers, and ways to wait for and find spans, metrics and log
 * records in them.
 */
public abstract class OtlpReceiver implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final List<ReceivedMetrics> receivedMetrics = new CopyOnWriteArrayList<>();

	private final List<ReceivedLogs> receivedLogs = new CopyOnWriteArrayList<>();

	protected void record(ExportTraceServiceRequest request, Map<String, String> headers) {
		this.received.add(new Received(request, headers, System.nanoTime()));
	}

	/**
	 * Records a metrics export request that arrived.
	 * @param request the request
	 * @param headers its headers, names lower-cased
	 */
	protected void recordMetrics(ExportMetricsServiceRequest request, Map<String, String> headers) {
		this.receivedMetrics.add(new ReceivedMetrics(request, headers, System.nanoTime()));
	}

	/**
	 * Records a logs export request that arrived.
	 * @param request the request
	 * @param headers its headers, names lower-cased
	 */
	protected void recordLogs(ExportLogsServiceRequest request, Map<String, String> headers) {
		this.receivedLogs.add(new ReceivedLogs(request, headers, System.nanoTime()));
	}

	public List<Received> requests() {
		return List.copyOf(this.received);
	}

	/**
	 * Returns the metrics export requests that arrived, in arrival order.
	 * @return the metrics export requests
	 */
	public List<ReceivedMetrics> metricRequests() {
		return List.copyOf(this.receivedMetrics);
	}

	/**
	 * Returns the logs export requests that arrived, in arrival order.
	 * @return the logs export requests
	 */
	public List<ReceivedLogs> logRequests() {
		return List.copyOf(this.receivedLogs);
	}

	public List<ReceivedSpan> spans() {
		List<ReceivedSpan> spans = new ArrayList<>();
		for (Received received : this.received) {
			for (ResourceSpans resourceSpans : received.request().getResourceSpansList()) {
				Map<String, Object> resource = ReceivedSpan.toMap(resourceSpans.getResource().getAttributesList());
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						spans.add(new ReceivedSpan(span, resource, scopeSpans.getScope().getName()));
					}
				}
			}
		}
		return spans;
	}

	public List<ReceivedSpan> awaitSpans(int count) {
		await().atMost(TIMEOUT).until(() -> spans().size() >= count);
		return spans();
	}

	public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> predicate) {
		await().atMost(TIMEOUT).until(() -> spans().stream().anyMatch(predicate));
		return spans().stream().filter(predicate).findFirst().orElseThrow();
	}

	public ReceivedSpan awaitSpanNamed(String name) {
		return awaitSpan((span) -> span.name().equals(name));
	}

	/**
	 * Returns every metric that arrived, flattened out of the requests, in arrival order.
	 * @return the metrics
	 */
	public List<ReceivedMetric> metrics() {
		List<ReceivedMetric> metrics = new ArrayList<>();
		for (ReceivedMetrics request : this.receivedMetrics) {
			for (ResourceMetrics resourceMetrics : request.request().getResourceMetricsList()) {
				Map<String, Object> resource = ReceivedSpan.toMap(resourceMetrics.getResource().getAttributesList());
				for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
					for (Metric metric : scopeMetrics.getMetricsList()) {
						metrics.add(new ReceivedMetric(metric, resource, scopeMetrics.getScope().getName(),
								request.receivedNanos()));
					}
				}
			}
		}
		return metrics;
	}

	/**
	 * Returns every metric with the given name that arrived, in arrival order.
	 * @param name the metric name
	 * @return the metrics with that name
	 */
	public List<ReceivedMetric> metrics(String name) {
		return metrics().stream().filter((metric) -> metric.name().equals(name)).toList();
	}

	/**
	 * Waits (up to 20 s) for a metric with the given name and returns the last one
	 * received.
	 * @param name the metric name
	 * @return the last metric received with that name
	 */
	public ReceivedMetric awaitMetric(String name) {
		return awaitMetric(name, (metric) -> true);
	}

	/**
	 * Waits (up to 20 s) for a metric with the given name that matches the predicate and
	 * returns the last such metric received.
	 * @param name the metric name
	 * @param predicate what the metric must satisfy
	 * @return the last matching metric received
	 */
	public ReceivedMetric awaitMetric(String name, Predicate<ReceivedMetric> predicate) {
		Predicate<ReceivedMetric> matching = (metric) -> metric.name().equals(name) && predicate.test(metric);
		await().atMost(TIMEOUT).until(() -> metrics().stream().anyMatch(matching));
		List<ReceivedMetric> matches = metrics().stream().filter(matching).toList();
		return matches.get(matches.size() - 1);
	}

	/**
	 * Returns every log record that arrived, flattened out of the requests, in arrival
	 * order.
	 * @return the log records
	 */
	public List<ReceivedLogRecord> logRecords() {
		List<ReceivedLogRecord> records = new ArrayList<>();
		for (ReceivedLogs request : this.receivedLogs) {
			for (ResourceLogs resourceLogs : request.request().getResourceLogsList()) {
				Map<String, Object> resource = ReceivedSpan.toMap(resourceLogs.getResource().getAttributesList());
				for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
					for (LogRecord record : scopeLogs.getLogRecordsList()) {
						records.add(new ReceivedLogRecord(record, ReceivedSpan.toMap(record.getAttributesList()),
								resource, scopeLogs.getScope().getName()));
					}
				}
			}
		}
		return records;
	}

	/**
	 * Waits (up to 20 s) for a log record that matches the predicate and returns the
	 * first such record received.
	 * @param predicate what the log record must satisfy
	 * @return the first matching log record received
	 */
	public ReceivedLogRecord awaitLogRecord(Predicate<ReceivedLogRecord> predicate) {
		await().atMost(TIMEOUT).until(() -> logRecords().stream().anyMatch(predicate));
		return logRecords().stream().filter(predicate).findFirst().orElseThrow();
	}

	/**
	 * Forgets every trace, metrics and logs request received so far.
	 */
	public void clear() {
		this.received.clear();
		this.receivedMetrics.clear();
		this.receivedLogs.clear();
	}

	public abstract int port();

	public abstract String endpoint();

	/**
	 * One export request, the headers it came with (names lower-cased) and when it
	 * arrived ({@link System#nanoTime()}).
	 */
	public record Received(ExportTraceServiceRequest request, Map<String, String> headers, long receivedNanos) {
	}

	/**
	 * One metrics export request, the headers it came with (names lower-cased) and when
	 * it arrived ({@link System#nanoTime()}).
	 */
	public record ReceivedMetrics(ExportMetricsServiceRequest request, Map<String, String> headers,
			long receivedNanos) {
	}

	/**
	 * One logs export request, the headers it came with (names lower-cased) and when it
	 * arrived ({@link System#nanoTime()}).
	 */
	public record ReceivedLogs(ExportLogsServiceRequest request, Map<String, String> headers, long receivedNanos) {
	}

}
