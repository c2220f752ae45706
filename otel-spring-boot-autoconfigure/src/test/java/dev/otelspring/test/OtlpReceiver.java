package dev.otelspring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import static org.awaitility.Awaitility.await;

/**
 * What the test receivers share: the export requests that arrived, with their headers,
 * and ways to wait for and find spans in them.
 */
public abstract class OtlpReceiver implements AutoCloseable {

	/**
	 * One export request, the headers it came with (names lower-cased) and when it
	 * arrived ({@link System#nanoTime()}).
	 */
	public record Received(ExportTraceServiceRequest request, Map<String, String> headers, long receivedNanos) {
	}

	private final List<Received> received = new CopyOnWriteArrayList<>();

	protected void record(ExportTraceServiceRequest request, Map<String, String> headers) {
		this.received.add(new Received(request, headers, System.nanoTime()));
	}

	public List<Received> requests() {
		return List.copyOf(this.received);
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
		await().atMost(Duration.ofSeconds(20)).until(() -> spans().size() >= count);
		return spans();
	}

	public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> predicate) {
		await().atMost(Duration.ofSeconds(20)).until(() -> spans().stream().anyMatch(predicate));
		return spans().stream().filter(predicate).findFirst().orElseThrow();
	}

	public ReceivedSpan awaitSpanNamed(String name) {
		return awaitSpan((span) -> span.name().equals(name));
	}

	public void clear() {
		this.received.clear();
	}

	public abstract int port();

	public abstract String endpoint();

}
