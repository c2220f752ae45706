package dev.otelspring.test;

import java.util.HexFormat;
import java.util.Map;

import io.opentelemetry.proto.logs.v1.LogRecord;

/**
 * One log record as it arrived at a test OTLP receiver, decoded with the official
 * protobuf definitions, with its attributes and the resource and scope it came under.
 */
public record ReceivedLogRecord(LogRecord record, Map<String, Object> attributes, Map<String, Object> resource,
		String scope) {

	/**
	 * Returns the record's body as a string.
	 * @return the string body, empty if the body is not a string
	 */
	public String body() {
		return this.record.getBody().getStringValue();
	}

	/**
	 * Returns the trace id the record was correlated with.
	 * @return the trace id in lower-case hex, empty if none
	 */
	public String traceId() {
		return HexFormat.of().formatHex(this.record.getTraceId().toByteArray());
	}

	/**
	 * Returns the span id the record was correlated with.
	 * @return the span id in lower-case hex, empty if none
	 */
	public String spanId() {
		return HexFormat.of().formatHex(this.record.getSpanId().toByteArray());
	}

	/**
	 * Returns the record's severity text.
	 * @return the severity text, empty if none
	 */
	public String severityText() {
		return this.record.getSeverityText();
	}

	/**
	 * Returns one of the record's attributes.
	 * @param key the attribute key
	 * @return the value, or {@code null}
	 */
	public Object attribute(String key) {
		return this.attributes.get(key);
	}

	@Override
	public String toString() {
		return severityText() + " " + body() + " " + this.attributes;
	}

}
