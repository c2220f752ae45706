package dev.otelspring.autoconfigure.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * How the OTLP exporter retries a failed export (refused or reset connection, 429, 502,
 * 503, 504), under {@code otel.spring.exporter.retry}: exponential backoff with jitter,
 * as the OTLP specification asks. Defaults are the SDK's; the values are checked against
 * the SDK's own rules.
 *
 * @param enabled whether failed exports are retried
 * @param maxAttempts attempts per export, the first included: 2 to 5
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the longest wait between retries
 * @param backoffMultiplier what each wait is multiplied by
 */
@ConfigurationProperties("otel.spring.exporter.retry")
public record ExporterRetryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5") int maxAttempts,
		@DefaultValue("1s") Duration initialBackoff, @DefaultValue("5s") Duration maxBackoff,
		@DefaultValue("1.5") double backoffMultiplier) {

	private static final String PREFIX = OtelPropertyNames.EXPORTER_RETRY + ".";

	/**
	 * Checks each value.
	 */
	public ExporterRetryProperties {
		if (enabled) {
			if (maxAttempts < 2 || maxAttempts > 5) {
				throw new InvalidOtelPropertyException(PREFIX + "max-attempts", String.valueOf(maxAttempts),
						"a whole number from 2 to 5");
			}
			Validation.requirePositive(PREFIX + "initial-backoff", initialBackoff);
			Validation.requirePositive(PREFIX + "max-backoff", maxBackoff);
			if (!(backoffMultiplier > 0)) {
				throw new InvalidOtelPropertyException(PREFIX + "backoff-multiplier", String.valueOf(backoffMultiplier),
						"a number above 0");
			}
		}
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static ExporterRetryProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.EXPORTER_RETRY, ExporterRetryProperties.class);
	}

}
