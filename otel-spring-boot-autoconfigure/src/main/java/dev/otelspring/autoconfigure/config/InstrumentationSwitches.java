package dev.otelspring.autoconfigure.config;

import org.springframework.core.env.Environment;

/**
 * The official starter's instrumentation switches:
 * {@code otel.instrumentation.<name>.enabled}, which defaults to
 * {@code otel.instrumentation.common.default-enabled}, which defaults to {@code true}.
 */
public final class InstrumentationSwitches {

	private InstrumentationSwitches() {
	}

	/**
	 * Returns whether the instrumentation is switched on.
	 * @param environment the Spring environment
	 * @param name the instrumentation's name, as in
	 * {@code otel.instrumentation.<name>.enabled}
	 * @return whether it is on
	 * @throws InvalidOtelPropertyException for a value other than {@code true} or
	 * {@code false}
	 */
	public static boolean isEnabled(Environment environment, String name) {
		return decide(new OtelProperties(environment), name, true).enabled();
	}

	static Decision decide(OtelProperties properties, String name, boolean enabledByDefault) {
		String key = key(name);
		if (properties.getString(key) != null) {
			return new Decision(properties.getBoolean(key, true), key + " is " + properties.getBoolean(key, true));
		}
		if (!enabledByDefault) {
			return new Decision(false, key + " is not set; this instrumentation is off by default");
		}
		boolean enabled = properties.getBoolean(OtelPropertyNames.INSTRUMENTATION_DEFAULT_ENABLED, true);
		return new Decision(enabled,
				key + " is not set and " + OtelPropertyNames.INSTRUMENTATION_DEFAULT_ENABLED + " is " + enabled);
	}

	/**
	 * Returns the switch's key, for messages.
	 * @param name the instrumentation's name
	 * @return {@code otel.instrumentation.<name>.enabled}
	 */
	public static String key(String name) {
		return OtelPropertyNames.INSTRUMENTATION + name + ".enabled";
	}

	record Decision(boolean enabled, String reason) {
	}

}
