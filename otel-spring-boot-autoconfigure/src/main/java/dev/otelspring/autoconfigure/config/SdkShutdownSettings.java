package dev.otelspring.autoconfigure.config;

import java.time.Duration;

import org.springframework.core.env.Environment;

/**
 * How long closing the application may wait for queued spans to be exported:
 * {@code otel.spring.shutdown.timeout}.
 *
 * @param timeout the longest wait
 */
public record SdkShutdownSettings(Duration timeout) {

	/** The default wait. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static SdkShutdownSettings from(Environment environment) {
		return new SdkShutdownSettings(
				new OtelProperties(environment).getDuration(OtelPropertyNames.SHUTDOWN_TIMEOUT, DEFAULT_TIMEOUT));
	}

	/**
	 * Returns the key that sets the timeout, for messages that tell the user what to
	 * raise.
	 * @return {@code otel.spring.shutdown.timeout}
	 */
	public static String timeoutKey() {
		return OtelPropertyNames.SHUTDOWN_TIMEOUT;
	}

}
