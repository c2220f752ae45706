package dev.otelspring.autoconfigure.config;

import java.util.List;
import java.util.Set;

import org.springframework.core.env.Environment;

/**
 * What a log appender adds to each record beyond its body, severity, logger, thread,
 * trace context and exception: the MDC entries named by
 * {@code otel.instrumentation.logback-appender.experimental.capture-mdc-attributes} for
 * Logback and
 * {@code otel.instrumentation.log4j-appender.experimental.capture-mdc-attributes} for
 * Log4j2 (the official appenders' keys; {@code *} for all). The trace-correlation entries
 * the starter puts in the MDC itself are never copied: the record carries the ids
 * already.
 *
 * @param mdcKeys the MDC keys to copy as attributes
 * @param allMdcKeys whether every MDC entry is copied
 */
public record LogAppenderSettings(Set<String> mdcKeys, boolean allMdcKeys) {

	private static final Set<String> CORRELATION_KEYS = Set.of("trace_id", "span_id", "trace_flags");

	/**
	 * Reads the settings of one appender.
	 * @param environment the Spring environment
	 * @param instrumentation the appender's instrumentation name
	 * ({@code logback-appender} or {@code log4j-appender})
	 * @return the settings
	 */
	public static LogAppenderSettings from(Environment environment, String instrumentation) {
		List<String> keys = new OtelProperties(environment)
			.getNames(OtelPropertyNames.INSTRUMENTATION + instrumentation + OtelPropertyNames.APPENDER_MDC_SUFFIX);
		return new LogAppenderSettings(Set.copyOf(keys), keys.contains("*"));
	}

	/**
	 * Returns whether an MDC entry becomes an attribute.
	 * @param key the MDC key
	 * @return whether it is copied
	 */
	public boolean capturesMdc(String key) {
		return (this.allMdcKeys || this.mdcKeys.contains(key)) && !CORRELATION_KEYS.contains(key);
	}

	/**
	 * Returns whether any MDC entry is copied.
	 * @return whether any MDC entry is copied
	 */
	public boolean capturesAnyMdc() {
		return this.allMdcKeys || !this.mdcKeys.isEmpty();
	}

}
