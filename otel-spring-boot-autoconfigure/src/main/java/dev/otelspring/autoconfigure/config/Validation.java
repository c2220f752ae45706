package dev.otelspring.autoconfigure.config;

import java.time.Duration;

/**
 * The checks the properties records share; each failure names the key.
 */
final class Validation {

	private Validation() {
	}

	static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidOtelPropertyException(key, String.valueOf(value), "a positive duration");
		}
	}

	static void requireAtLeast(String key, int value, int min) {
		if (value < min) {
			throw new InvalidOtelPropertyException(key, String.valueOf(value), "a whole number of at least " + min);
		}
	}

}
