package dev.otelspring.autoconfigure.config;

/**
 * This starter's features that have an on/off switch of their own under
 * {@code otel.spring.*}.
 */
public enum StarterFeature {

	/**
	 * Tail sampling in the application: {@code otel.spring.sampling.tail.enabled}, off by
	 * default.
	 */
	TAIL_SAMPLING("otel.spring.sampling.tail.enabled", false),

	/**
	 * The span export health indicator: {@code otel.spring.export.health.enabled}, on by
	 * default.
	 */
	EXPORT_HEALTH("otel.spring.export.health.enabled", true),

	/**
	 * Context-propagating executors: {@code otel.spring.context-propagation.enabled}, on
	 * by default.
	 */
	CONTEXT_PROPAGATION("otel.spring.context-propagation.enabled", true),

	/**
	 * Beside Micrometer Tracing, Spring's observations of what this starter traces make
	 * no second span: {@code otel.spring.micrometer.skip-traced-observations}, on by
	 * default.
	 */
	MICROMETER_SKIP_TRACED_OBSERVATIONS("otel.spring.micrometer.skip-traced-observations", true),

	/**
	 * The in-app trace view for development: {@code otel.spring.trace-view.enabled}, off
	 * by default.
	 */
	TRACE_VIEW("otel.spring.trace-view.enabled", false);

	private final String key;

	private final boolean enabledByDefault;

	StarterFeature(String key, boolean enabledByDefault) {
		this.key = key;
		this.enabledByDefault = enabledByDefault;
	}

	String key() {
		return this.key;
	}

	boolean isEnabledByDefault() {
		return this.enabledByDefault;
	}

}
