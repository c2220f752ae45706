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

	static void requireNotNegative(String key, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidOtelPropertyException(key, String.valueOf(value), "a duration of zero or more");
		}
	}

	/**
	 * Checks a fraction of traces.
	 * @param key the key
	 * @param value the value
	 * @param shown the value as the user wrote it
	 * @return the value
	 */
	static double requireRatio(String key, double value, String shown) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new InvalidOtelPropertyException(key, shown, "a fraction from 0.0 to 1.0");
		}
		return value;
	}

	/**
	 * Checks a number of traces per second.
	 * @param key the key
	 * @param value the value
	 * @param shown the value as the user wrote it
	 * @return the value
	 */
	static double requireRate(String key, double value, String shown) {
		if (!(value > 0) || Double.isInfinite(value)) {
			throw new InvalidOtelPropertyException(key, shown, "a number of traces per second above 0");
		}
		return value;
	}

	static void requireAtLeast(String key, int value, int min) {
		if (value < min) {
			throw new InvalidOtelPropertyException(key, String.valueOf(value), "a whole number of at least " + min);
		}
	}

}
