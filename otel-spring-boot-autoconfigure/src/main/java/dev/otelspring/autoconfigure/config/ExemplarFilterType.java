package dev.otelspring.autoconfigure.config;

/**
 * Which measurements {@code otel.metrics.exemplar.filter} lets become exemplars.
 */
public enum ExemplarFilterType implements PropertyValue {

	/** Measurements made inside a sampled span: the default. */
	TRACE_BASED("trace_based"),

	/** Every measurement may become an exemplar. */
	ALWAYS_ON("always_on"),

	/** No exemplars. */
	ALWAYS_OFF("always_off");

	private final String value;

	ExemplarFilterType(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
