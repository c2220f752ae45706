package dev.otelspring.autoconfigure.exporter;

import java.time.Duration;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import io.opentelemetry.sdk.common.export.RetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the OTLP exporter retries a failed export (refused or reset connection, 429, 502, 503, 504),
 * under {@code otel.spring.exporter.retry}: the SDK's {@link RetryPolicy}, exponential backoff with
 * jitter as the OTLP specification asks. Defaults are the SDK's.
 */
@ConfigurationProperties("otel.spring.exporter.retry")
public class ExporterRetryProperties {

	static final String PREFIX = "otel.spring.exporter.retry.";

	/**
	 * Whether failed exports are retried.
	 */
	private boolean enabled = true;

	/**
	 * Attempts per export, the first included: 2 to 5.
	 */
	private int maxAttempts = 5;

	/**
	 * The wait before the first retry.
	 */
	private Duration initialBackoff = Duration.ofSeconds(1);

	/**
	 * The longest wait between retries.
	 */
	private Duration maxBackoff = Duration.ofSeconds(5);

	/**
	 * What each wait is multiplied by.
	 */
	private double backoffMultiplier = 1.5;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public double getBackoffMultiplier() {
		return this.backoffMultiplier;
	}

	public void setBackoffMultiplier(double backoffMultiplier) {
		this.backoffMultiplier = backoffMultiplier;
	}

	/**
	 * Returns the SDK retry policy these settings describe, or {@code null} for no retry.
	 * @return the policy
	 * @throws InvalidOtelPropertyException for a value the SDK refuses
	 */
	RetryPolicy toRetryPolicy() {
		if (!this.enabled) {
			return null;
		}
		// The SDK's own rules, checked here so that the report names the key.
		if (this.maxAttempts < 2 || this.maxAttempts > 5) {
			throw new InvalidOtelPropertyException(PREFIX + "max-attempts", String.valueOf(this.maxAttempts),
					"a whole number from 2 to 5");
		}
		requirePositive("initial-backoff", this.initialBackoff);
		requirePositive("max-backoff", this.maxBackoff);
		if (!(this.backoffMultiplier > 0)) {
			throw new InvalidOtelPropertyException(PREFIX + "backoff-multiplier", String.valueOf(this.backoffMultiplier),
					"a number above 0");
		}
		return RetryPolicy.builder()
			.setMaxAttempts(this.maxAttempts)
			.setInitialBackoff(this.initialBackoff)
			.setMaxBackoff(this.maxBackoff)
			.setBackoffMultiplier(this.backoffMultiplier)
			.build();
	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidOtelPropertyException(PREFIX + key, String.valueOf(value), "a positive duration");
		}
	}

}
