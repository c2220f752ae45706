package dev.otelspring.test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * One span as it arrived at a test OTLP receiver, decoded with the official protobuf
 * definitions, with the resource and scope it came under.
 */
public record ReceivedSpan(Span span, Map<String, Object> resource, String scope) {

	public String name() {
		return this.span.getName();
	}

	public String traceId() {
		return hex(this.span.getTraceId().toByteArray());
	}

	public String spanId() {
		return hex(this.span.getSpanId().toByteArray());
	}

	public String parentSpanId() {
		return hex(this.span.getParentSpanId().toByteArray());
	}

	public Span.SpanKind kind() {
		return this.span.getKind();
	}

	public Map<String, Object> attributes() {
		return toMap(this.span.getAttributesList());
	}

	public Object attribute(String key) {
		return attributes().get(key);
	}

	public List<Span.Event> events() {
		return this.span.getEventsList();
	}

	/**
	 * The span ids of the spans this span links to.
	 * @return the linked span ids, in hex
	 */
	public List<String> linkedSpanIds() {
		return this.span.getLinksList().stream().map((link) -> hex(link.getSpanId().toByteArray())).toList();
	}

	public io.opentelemetry.proto.trace.v1.Status.StatusCode statusCode() {
		return this.span.getStatus().getCode();
	}

	public static Map<String, Object> toMap(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (kv) -> value(kv.getValue()), (a, b) -> b,
					java.util.LinkedHashMap::new));
	}

	static Object value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> value.getBoolValue();
			case INT_VALUE -> value.getIntValue();
			case DOUBLE_VALUE -> value.getDoubleValue();
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(ReceivedSpan::value).toList();
			default -> value.toString();
		};
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public String toString() {
		return name() + "[" + kind() + " " + spanId() + " <- " + parentSpanId() + " " + attributes() + "]";
	}

}
