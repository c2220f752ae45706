package dev.otelspring.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.otelspring.test.ReceivedSpan;

/**
 * Renders received spans as an indented tree of names (children by start time), so that a
 * test can compare a whole trace's shape at once.
 */
final class TraceTree {

	private TraceTree() {
	}

	static String render(List<ReceivedSpan> spans) {
		Map<String, List<ReceivedSpan>> children = spans.stream()
			.collect(Collectors.groupingBy(ReceivedSpan::parentSpanId));
		List<String> ids = spans.stream().map(ReceivedSpan::spanId).toList();
		List<ReceivedSpan> roots = spans.stream().filter((span) -> !ids.contains(span.parentSpanId())).toList();
		StringBuilder out = new StringBuilder();
		for (ReceivedSpan root : sorted(roots)) {
			append(out, root, 0, children);
		}
		return out.toString();
	}

	private static void append(StringBuilder out, ReceivedSpan span, int depth,
			Map<String, List<ReceivedSpan>> children) {
		out.append("  ".repeat(depth)).append(span.name()).append('\n');
		for (ReceivedSpan child : sorted(children.getOrDefault(span.spanId(), List.of()))) {
			append(out, child, depth + 1, children);
		}
	}

	private static List<ReceivedSpan> sorted(List<ReceivedSpan> spans) {
		List<ReceivedSpan> copy = new ArrayList<>(spans);
		copy.sort(Comparator.comparingLong((ReceivedSpan span) -> span.span().getStartTimeUnixNano()));
		return copy;
	}

}
