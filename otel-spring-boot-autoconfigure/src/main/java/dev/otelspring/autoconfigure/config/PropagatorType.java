package dev.otelspring.autoconfigure.config;

/**
 * The context propagators {@code otel.propagators} can list.
 */
public enum PropagatorType implements PropertyValue {

	/** W3C Trace Context ({@code traceparent}, {@code tracestate}). */
	TRACE_CONTEXT("tracecontext"),

	/** W3C Baggage. */
	BAGGAGE("baggage"),

	/** Zipkin B3, single header. */
	B3("b3"),

	/** Zipkin B3, one header per field. */
	B3_MULTI("b3multi"),

	/** Jaeger ({@code uber-trace-id}). */
	JAEGER("jaeger"),

	/** OpenTracing ({@code ot-tracer-*}). */
	OT_TRACE("ottrace"),

	/** No propagation; only alone. */
	NONE("none");

	private final String value;

	PropagatorType(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
