package dev.otelspring.autoconfigure.config;

import java.util.Locale;

/**
 * Recognises the configuration keys whose values are credentials: OTLP exporter headers
 * and TLS key material, in property or environment-variable form. Their values never
 * appear in a failure report or in the Actuator's output.
 */
public final class SecretKeys {

	/** What a failure report shows in place of a secret value. */
	static final String HIDDEN = "(value hidden: it may hold a credential)";

	private SecretKeys() {
	}

	/**
	 * Returns whether the key's value is a credential.
	 * @param key a property or environment variable name, or {@code null}
	 * @return whether its value must be masked
	 */
	public static boolean isSecret(String key) {
		if (key == null) {
			return false;
		}
		String normalized = key.toLowerCase(Locale.ROOT).replace('_', '.');
		return normalized.startsWith("otel.exporter.otlp.")
				&& (normalized.contains(".headers") || normalized.contains("client.key"));
	}

}
