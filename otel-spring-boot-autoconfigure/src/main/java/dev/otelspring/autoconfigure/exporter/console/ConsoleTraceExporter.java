package dev.otelspring.autoconfigure.exporter.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A {@link SpanExporter} for development that prints each finished trace once, as a tree
 * of spans with their durations, status and key attributes, under the trace id.
 *
 * <p>
 * Spans of one trace are gathered across export batches. A trace is printed when its root
 * span (a span with no parent) arrives; a trace that entered this service from elsewhere
 * (its local root has a remote parent) is printed once no span of it has arrived for the
 * grace period. Memory is bounded: at most {@code maxTraces} traces of at most
 * {@code maxSpansPerTrace} spans are held; the oldest is printed, marked incomplete, to
 * make room.
 *
 * <p>
 * Thread-safe: the batch processor calls it from one thread, {@link #flush()} may come
 * from another.
 */
public final class ConsoleTraceExporter implements SpanExporter {

	private static final long GRACE_NANOS = 2_000_000_000L;

	private static final int MAX_ATTRIBUTES_SHOWN = 6;

	private static final int MAX_VALUE_LENGTH = 60;

	private final Consumer<String> printer;

	private final LongSupplier nanoClock;

	private final int maxTraces;

	private final int maxSpansPerTrace;

	private final Map<String, PendingTrace> pending = new LinkedHashMap<>();

	/**
	 * Creates an exporter that prints to the given sink.
	 * @param printer receives one multi-line string per trace
	 * @param maxTraces the most traces held while they are incomplete
	 * @param maxSpansPerTrace the most spans held for one trace
	 */
	public ConsoleTraceExporter(Consumer<String> printer, int maxTraces, int maxSpansPerTrace) {
		this(printer, maxTraces, maxSpansPerTrace, System::nanoTime);
	}

	ConsoleTraceExporter(Consumer<String> printer, int maxTraces, int maxSpansPerTrace, LongSupplier nanoClock) {
		this.printer = printer;
		this.maxTraces = maxTraces;
		this.maxSpansPerTrace = maxSpansPerTrace;
		this.nanoClock = nanoClock;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		List<PendingTrace> ready = new ArrayList<>();
		synchronized (this.pending) {
			long now = this.nanoClock.getAsLong();
			for (SpanData span : spans) {
				PendingTrace trace = this.pending.computeIfAbsent(span.getTraceId(), PendingTrace::new);
				trace.add(span, this.maxSpansPerTrace, now);
				if (!span.getParentSpanContext().isValid()) {
					ready.add(this.pending.remove(span.getTraceId()));
				}
			}
			collectQuiet(now, ready);
			while (this.pending.size() > this.maxTraces) {
				Iterator<PendingTrace> oldest = this.pending.values().iterator();
				PendingTrace evicted = oldest.next();
				evicted.incomplete = true;
				oldest.remove();
				ready.add(evicted);
			}
		}
		ready.forEach((trace) -> this.printer.accept(render(trace)));
		return CompletableResultCode.ofSuccess();
	}

	private void collectQuiet(long now, List<PendingTrace> ready) {
		Iterator<PendingTrace> iterator = this.pending.values().iterator();
		while (iterator.hasNext()) {
			PendingTrace trace = iterator.next();
			if (trace.hasLocalRoot() && now - trace.lastArrival >= GRACE_NANOS) {
				iterator.remove();
				ready.add(trace);
			}
		}
	}

	@Override
	public CompletableResultCode flush() {
		List<PendingTrace> ready = new ArrayList<>();
		synchronized (this.pending) {
			ready.addAll(this.pending.values());
			this.pending.clear();
		}
		ready.forEach((trace) -> this.printer.accept(render(trace)));
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return flush();
	}

	static String render(PendingTrace trace) {
		Map<String, List<SpanData>> children = new HashMap<>();
		List<SpanData> roots = new ArrayList<>();
		Map<String, SpanData> byId = new HashMap<>();
		trace.spans.forEach((span) -> byId.put(span.getSpanId(), span));
		for (SpanData span : trace.spans) {
			String parent = span.getParentSpanId();
			if (span.getParentSpanContext().isValid() && byId.containsKey(parent)) {
				children.computeIfAbsent(parent, (key) -> new ArrayList<>()).add(span);
			}
			else {
				roots.add(span);
			}
		}
		Comparator<SpanData> byStart = Comparator.comparingLong(SpanData::getStartEpochNanos);
		roots.sort(byStart);
		children.values().forEach((list) -> list.sort(byStart));
		StringBuilder out = new StringBuilder();
		out.append("Trace ").append(trace.traceId);
		if (trace.incomplete) {
			out.append(" (incomplete: evicted to bound memory)");
		}
		if (trace.dropped > 0) {
			out.append(" (").append(trace.dropped).append(" spans not shown: over the per-trace limit)");
		}
		out.append(System.lineSeparator());
		for (int i = 0; i < roots.size(); i++) {
			appendSpan(out, roots.get(i), "", i == roots.size() - 1, true, children);
		}
		return out.toString();
	}

	private static void appendSpan(StringBuilder out, SpanData span, String indent, boolean last, boolean root,
			Map<String, List<SpanData>> children) {
		out.append(indent);
		if (!root) {
			out.append(last ? "└── " : "├── ");
		}
		out.append(span.getName());
		out.append(" (").append(formatDuration(span.getEndEpochNanos() - span.getStartEpochNanos())).append(')');
		if (span.getKind() != SpanKind.INTERNAL) {
			out.append(" [").append(span.getKind().name()).append(']');
		}
		if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
			out.append(" ERROR");
			String description = span.getStatus().getDescription();
			if (description != null && !description.isEmpty()) {
				out.append(": ").append(truncate(description));
			}
		}
		appendAttributes(out, span);
		out.append(System.lineSeparator());
		List<SpanData> kids = children.getOrDefault(span.getSpanId(), List.of());
		String childIndent = root ? indent : indent + (last ? "    " : "│   ");
		for (int i = 0; i < kids.size(); i++) {
			appendSpan(out, kids.get(i), childIndent, i == kids.size() - 1, false, children);
		}
	}

	private static void appendAttributes(StringBuilder out, SpanData span) {
		int shown = 0;
		for (Map.Entry<AttributeKey<?>, Object> entry : span.getAttributes().asMap().entrySet()) {
			String key = entry.getKey().getKey();
			if (!isKeyAttribute(key)) {
				continue;
			}
			out.append((shown == 0) ? "  " : " ")
				.append(key)
				.append('=')
				.append(truncate(String.valueOf(entry.getValue())));
			if (++shown == MAX_ATTRIBUTES_SHOWN) {
				break;
			}
		}
	}

	private static boolean isKeyAttribute(String key) {
		return !(key.startsWith("code.") || key.startsWith("thread.") || key.startsWith("network.")
				|| key.startsWith("user_agent.") || key.startsWith("client.") || key.startsWith("http.request.header.")
				|| key.startsWith("http.response.header.") || key.equals("url.scheme") || key.equals("server.port")
				|| key.equals("http.request.method") || key.equals("url.path"));
	}

	private static String truncate(String value) {
		return (value.length() <= MAX_VALUE_LENGTH) ? value : value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
	}

	static String formatDuration(long nanos) {
		if (nanos < 1_000_000L) {
			return String.format(Locale.ROOT, "%.0f µs", nanos / 1_000.0);
		}
		if (nanos < 1_000_000_000L) {
			return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
		}
		return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000.0);
	}

	static final class PendingTrace {

		private final String traceId;

		private final List<SpanData> spans = new ArrayList<>();

		private long lastArrival;

		private int dropped;

		private boolean incomplete;

		PendingTrace(String traceId) {
			this.traceId = traceId;
		}

		void add(SpanData span, int maxSpans, long now) {
			this.lastArrival = now;
			if (this.spans.size() < maxSpans) {
				this.spans.add(span);
			}
			else {
				this.dropped++;
			}
		}

		boolean hasLocalRoot() {
			for (SpanData span : this.spans) {
				if (span.getParentSpanContext().isRemote()) {
					return true;
				}
			}
			return false;
		}

	}

}
