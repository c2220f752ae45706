package dev.otelspring.autoconfigure.config;

/**
 * The head samplers {@code otel.traces.sampler} can name: the SDK's own and this
 * starter's rate-limiting ones.
 */
public enum SamplerType implements PropertyValue {

	/** Every span is sampled. */
	ALWAYS_ON("always_on"),

	/** No span is sampled. */
	ALWAYS_OFF("always_off"),

	/** A fraction of traces, by trace id, given by {@code otel.traces.sampler.arg}. */
	TRACE_ID_RATIO("traceidratio"),

	/** The parent's decision, else every root is sampled: the default. */
	PARENT_BASED_ALWAYS_ON("parentbased_always_on"),

	/** The parent's decision, else no root is sampled. */
	PARENT_BASED_ALWAYS_OFF("parentbased_always_off"),

	/** The parent's decision, else a fraction of roots by trace id. */
	PARENT_BASED_TRACE_ID_RATIO("parentbased_traceidratio"),

	/** At most {@code otel.traces.sampler.arg} new traces per second. */
	RATE_LIMITING("rate_limiting"),

	/**
	 * The parent's decision, else at most {@code otel.traces.sampler.arg} new traces per
	 * second.
	 */
	PARENT_BASED_RATE_LIMITING("parentbased_rate_limiting");

	private final String value;

	SamplerType(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

}
