package dev.otelspring.autoconfigure.exporter.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console tree: spans from the real SDK, gathered into traces across batches, printed
 * once each as a tree, on a clock the test controls.
 */
class ConsoleTraceExporterTests {

	private static final long BASE_MILLIS = 1_700_000_000_000L;

	private static final String NL = System.lineSeparator();

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.spans))
		.build();

	private final Tracer tracer = this.provider.get("test");

	private final AtomicLong clock = new AtomicLong();

	private final List<String> printed = new ArrayList<>();

	private final ConsoleTraceExporter exporter = new ConsoleTraceExporter(this.printed::add, 100, 100,
			this.clock::get);

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void aTraceIsPrintedAsATree() {
		Span root = this.tracer.spanBuilder("GET /orders")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute("http.route", "/orders")
			.setAttribute("url.scheme", "http")
			.setStartTimestamp(BASE_MILLIS, TimeUnit.MILLISECONDS)
			.startSpan();
		Span load = child(root, "load", 10).startSpan();
		Span select = child(load, "SELECT orders", 20).setSpanKind(SpanKind.CLIENT).startSpan();
		select.end(TimeUnit.MILLISECONDS.toNanos(BASE_MILLIS + 20) + 500_000, TimeUnit.NANOSECONDS);
		load.end(BASE_MILLIS + 60, TimeUnit.MILLISECONDS);
		Span render = child(root, "render", 70).startSpan();
		render.setStatus(StatusCode.ERROR, "boom");
		render.end(BASE_MILLIS + 90, TimeUnit.MILLISECONDS);
		root.end(BASE_MILLIS + 100, TimeUnit.MILLISECONDS);

		this.exporter.export(this.spans.getFinishedSpanItems());

		assertThat(this.printed).containsExactly("Trace " + root.getSpanContext().getTraceId() + NL
				+ "GET /orders (100.0 ms) [SERVER]  http.route=/orders" + NL + "├── load (50.0 ms)" + NL
				+ "│   └── SELECT orders (500 µs) [CLIENT]" + NL + "└── render (20.0 ms) ERROR: boom" + NL);
	}

	@Test
	void childrenAreOrderedByStartTimeWhateverOrderTheyEndIn() {
		Span root = this.tracer.spanBuilder("root").setStartTimestamp(BASE_MILLIS, TimeUnit.MILLISECONDS).startSpan();
		Span first = child(root, "first", 1).startSpan();
		Span second = child(root, "second", 2).startSpan();
		Span nested = child(first, "nested", 3).startSpan();
		second.end(BASE_MILLIS + 3, TimeUnit.MILLISECONDS);
		nested.end(BASE_MILLIS + 4, TimeUnit.MILLISECONDS);
		first.end(BASE_MILLIS + 5, TimeUnit.MILLISECONDS);
		root.end(BASE_MILLIS + 6, TimeUnit.MILLISECONDS);

		this.exporter.export(this.spans.getFinishedSpanItems());

		assertThat(this.printed).singleElement()
			.satisfies((tree) -> assertThat(tree.lines().skip(1).toList()).containsExactly("root (6.0 ms)",
					"├── first (4.0 ms)", "│   └── nested (1.0 ms)", "└── second (1.0 ms)"));
	}

	@Test
	void eachTraceIsPrintedOnceWhenItsRootArrivesAcrossBatches() {
		Span first = this.tracer.spanBuilder("first").startSpan();
		Span second = this.tracer.spanBuilder("second").startSpan();
		child(first, "first-child", 1).startSpan().end();
		child(second, "second-child", 1).startSpan().end();
		this.exporter.export(drain());
		assertThat(this.printed).isEmpty();

		first.end();
		this.exporter.export(drain());
		assertThat(this.printed).singleElement()
			.satisfies((tree) -> assertThat(tree).startsWith("Trace " + first.getSpanContext().getTraceId())
				.contains("first (")
				.contains("└── first-child (")
				.doesNotContain("second"));

		second.end();
		this.exporter.export(drain());
		this.exporter.flush();
		this.exporter.shutdown();
		assertThat(this.printed).hasSize(2);
		assertThat(this.printed.get(1)).startsWith("Trace " + second.getSpanContext().getTraceId())
			.contains("└── second-child (");
	}

	@Test
	void aTraceFromElsewhereIsPrintedOnceNoSpanOfItArrivedForTheGracePeriod() {
		SpanContext remote = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
		Span localRoot = this.tracer.spanBuilder("GET /remote")
			.setParent(Context.root().with(Span.wrap(remote)))
			.setSpanKind(SpanKind.SERVER)
			.startSpan();
		child(localRoot, "work", 0).startSpan().end();
		localRoot.end();
		this.exporter.export(drain());
		assertThat(this.printed).isEmpty();

		advance(Duration.ofMillis(1500));
		Span late = child(localRoot, "late", 0).startSpan();
		late.end();
		this.exporter.export(drain());
		advance(Duration.ofMillis(1999));
		this.exporter.export(List.of());
		// The grace period runs from the last span that arrived.
		assertThat(this.printed).isEmpty();

		advance(Duration.ofMillis(1));
		this.exporter.export(List.of());
		assertThat(this.printed).singleElement()
			.satisfies((tree) -> assertThat(tree.lines().toList()).hasSize(4)
				.startsWith("Trace 4bf92f3577b34da6a3ce929d0e0e4736")
				.anySatisfy((line) -> assertThat(line).startsWith("GET /remote (").endsWith("[SERVER]"))
				.anySatisfy((line) -> assertThat(line).startsWith("├── work ("))
				.anySatisfy((line) -> assertThat(line).startsWith("└── late (")));
		this.exporter.flush();
		assertThat(this.printed).hasSize(1);
	}

	@Test
	void aTraceWithoutALocalRootWaitsForFlush() {
		Span parent = this.tracer.spanBuilder("parent").startSpan();
		child(parent, "orphan", 0).startSpan().end();
		this.exporter.export(drain());
		advance(Duration.ofSeconds(10));
		this.exporter.export(List.of());
		assertThat(this.printed).isEmpty();
		this.exporter.flush();
		assertThat(this.printed).singleElement()
			.satisfies((tree) -> assertThat(tree.lines().skip(1).toList()).singleElement()
				.satisfies((line) -> assertThat(line).startsWith("orphan (")));
		parent.end();
	}

	@Test
	void theOldestTraceIsEvictedMarkedIncompleteToBoundMemory() {
		ConsoleTraceExporter small = new ConsoleTraceExporter(this.printed::add, 1, 100, this.clock::get);
		Span first = this.tracer.spanBuilder("first").startSpan();
		Span second = this.tracer.spanBuilder("second").startSpan();
		child(first, "first-child", 0).startSpan().end();
		small.export(drain());
		assertThat(this.printed).isEmpty();
		child(second, "second-child", 0).startSpan().end();
		small.export(drain());
		assertThat(this.printed).singleElement()
			.satisfies((tree) -> assertThat(tree).startsWith(
					"Trace " + first.getSpanContext().getTraceId() + " (incomplete: evicted to bound memory)" + NL));
		first.end();
		second.end();
	}

	@Test
	void spansOverThePerTraceLimitAreCountedNotShown() {
		ConsoleTraceExporter small = new ConsoleTraceExporter(this.printed::add, 100, 2, this.clock::get);
		Span root = this.tracer.spanBuilder("root").startSpan();
		for (int i = 0; i < 3; i++) {
			child(root, "child-" + i, i).startSpan().end();
		}
		root.end();
		small.export(drain());
		assertThat(this.printed).singleElement()
			.satisfies((tree) -> assertThat(tree).startsWith("Trace " + root.getSpanContext().getTraceId()
					+ " (2 spans not shown: over the per-trace limit)" + NL));
	}

	@Test
	void durationsAreFormattedInTheirUnit() {
		assertThat(ConsoleTraceExporter.formatDuration(500_000)).isEqualTo("500 µs");
		assertThat(ConsoleTraceExporter.formatDuration(1_500_000)).isEqualTo("1.5 ms");
		assertThat(ConsoleTraceExporter.formatDuration(2_250_000_000L)).isEqualTo("2.25 s");
	}

	private SpanBuilder child(Span parent, String name, long startOffsetMillis) {
		return this.tracer.spanBuilder(name)
			.setParent(Context.root().with(parent))
			.setStartTimestamp(BASE_MILLIS + startOffsetMillis, TimeUnit.MILLISECONDS);
	}

	private List<SpanData> drain() {
		List<SpanData> batch = this.spans.getFinishedSpanItems();
		this.spans.reset();
		return batch;
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

}
