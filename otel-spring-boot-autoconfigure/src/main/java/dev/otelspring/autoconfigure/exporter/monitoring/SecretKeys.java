package dev.otelspring.autoconfigure.exporter.monitoring;

import java.util.Locale;

/**
 * Recognises the configuration keys whose values are credentials: OTLP exporter headers and TLS key
 * material, in property or environment-variable form.
 */
final class SecretKeys {

	private SecretKeys() {
	}

	static boolean isSecret(String key) {
		if (key == null) {
			return false;
		}
		String normalized = key.toLowerCase(Locale.ROOT).replace('_', '.');
		return normalized.startsWith("otel.exporter.otlp.")
				&& (normalized.contains(".headers") || normalized.contains("client.key"));
	}

}
