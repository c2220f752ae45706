package dev.otelspring.autoconfigure.traceview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The trace view's JSON: the list of held traces and one trace's spans. Written by hand
 * so that the page works the same whichever JSON library, if any, the application has.
 * Characters that mean something to HTML are escaped too, so that no value can end a
 * string or a tag wherever the JSON lands.
 */
final class TraceViewJson {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private TraceViewJson() {
	}

	/**
	 * Writes the list of traces, newest first.
	 * @param store the store
	 * @return the JSON document
	 */
	static String traces(TraceStore store) {
		List<TraceSnapshot> traces = store.traces();
		StringBuilder json = new StringBuilder(256 + traces.size() * 256);
		json.append("{\"maxTraces\":").append(store.maxTraces());
		json.append(",\"heldBytes\":").append(store.heldBytes());
		json.append(",\"maxBytes\":").append(store.maxBytes());
		json.append(",\"traces\":[");
		for (int i = 0; i < traces.size(); i++) {
			TraceSnapshot trace = traces.get(i);
			SpanData root = trace.root();
			long start = trace.startEpochNanos();
			json.append((i > 0) ? ",{" : "{");
			field(json, "traceId", trace.traceId()).append(',');
			field(json, "name", root.getName()).append(',');
			field(json, "service", service(root)).append(',');
			json.append("\"startEpochMillis\":").append(start / 1_000_000);
			json.append(",\"durationMillis\":").append(millis(trace.endEpochNanos() - start));
			json.append(",\"spanCount\":").append(trace.spans().size());
			json.append(",\"error\":").append(trace.hasError());
			json.append(",\"remoteParent\":").append(root.getParentSpanContext().isRemote());
			json.append(",\"truncated\":").append(trace.truncated());
			json.append('}');
		}
		return json.append("]}").toString();
	}

	/**
	 * Writes one trace with every span's attributes, events and links.
	 * @param trace the trace
	 * @return the JSON document
	 */
	static String trace(TraceSnapshot trace) {
		long start = trace.startEpochNanos();
		StringBuilder json = new StringBuilder(512 + trace.spans().size() * 512);
		json.append('{');
		field(json, "traceId", trace.traceId());
		json.append(",\"truncated\":").append(trace.truncated());
		json.append(",\"startEpochMillis\":").append(start / 1_000_000);
		json.append(",\"durationMillis\":").append(millis(trace.endEpochNanos() - start));
		json.append(",\"spans\":[");
		List<SpanData> spans = trace.spans();
		for (int i = 0; i < spans.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			span(json, spans.get(i), start);
		}
		return json.append("]}").toString();
	}

	private static void span(StringBuilder json, SpanData span, long traceStart) {
		SpanContext parent = span.getParentSpanContext();
		json.append('{');
		field(json, "spanId", span.getSpanId()).append(',');
		field(json, "parentSpanId", parent.isValid() ? parent.getSpanId() : null);
		json.append(",\"remoteParent\":").append(parent.isRemote()).append(',');
		field(json, "name", span.getName()).append(',');
		field(json, "kind", span.getKind().name()).append(',');
		field(json, "service", service(span)).append(',');
		field(json, "scope", span.getInstrumentationScopeInfo().getName());
		json.append(",\"startOffsetMillis\":").append(millis(span.getStartEpochNanos() - traceStart));
		json.append(",\"durationMillis\":").append(millis(span.getEndEpochNanos() - span.getStartEpochNanos()));
		json.append(',');
		field(json, "status", span.getStatus().getStatusCode().name()).append(',');
		field(json, "statusMessage", span.getStatus().getDescription()).append(',');
		attributes(json, span.getAttributes());
		json.append(",\"events\":[");
		List<EventData> events = span.getEvents();
		for (int i = 0; i < events.size(); i++) {
			EventData event = events.get(i);
			json.append((i > 0) ? ",{" : "{");
			field(json, "name", event.getName());
			json.append(",\"offsetMillis\":").append(millis(event.getEpochNanos() - traceStart)).append(',');
			attributes(json, event.getAttributes());
			json.append('}');
		}
		json.append("],\"links\":[");
		List<LinkData> links = span.getLinks();
		for (int i = 0; i < links.size(); i++) {
			SpanContext linked = links.get(i).getSpanContext();
			json.append((i > 0) ? ",{" : "{");
			field(json, "traceId", linked.getTraceId()).append(',');
			field(json, "spanId", linked.getSpanId());
			json.append('}');
		}
		json.append("]}");
	}

	private static void attributes(StringBuilder json, Attributes attributes) {
		Map<String, String> sorted = new TreeMap<>();
		attributes.forEach((key, value) -> sorted.put(key.getKey(), text(value)));
		json.append("\"attributes\":[");
		List<Map.Entry<String, String>> entries = new ArrayList<>(sorted.entrySet());
		for (int i = 0; i < entries.size(); i++) {
			json.append((i > 0) ? ",{" : "{");
			field(json, "key", entries.get(i).getKey()).append(',');
			field(json, "value", entries.get(i).getValue());
			json.append('}');
		}
		json.append(']');
	}

	private static String text(Object value) {
		if (value instanceof List<?> list) {
			List<String> texts = new ArrayList<>(list.size());
			list.forEach((element) -> texts.add(String.valueOf(element)));
			return "[" + String.join(", ", texts) + "]";
		}
		return String.valueOf(value);
	}

	private static String service(SpanData span) {
		String service = span.getResource().getAttribute(SERVICE_NAME);
		return (service != null) ? service : "";
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
	}

	private static StringBuilder field(StringBuilder json, String name, String value) {
		json.append('"').append(name).append("\":");
		if (value == null) {
			return json.append("null");
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
						json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
