package dev.otelspring.autoconfigure.logs;

import dev.otelspring.autoconfigure.config.LogAppenderSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;

/**
 * The appender's life cycle, in terms that need no Logback type, so that callers load
 * without Logback on the class path: attached and holding events when logging starts,
 * installed on the SDK when it is ready, uninstalled when the context closes.
 */
final class LogbackAppenders {

	private static final String PROBE = "dev.otelspring.logs";

	private LogbackAppenders() {
	}

	static void startBuffering() {
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender != null) {
			appender.startBuffering();
		}
	}

	static void stopBuffering() {
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender != null && appender.isBuffering()) {
			OpenTelemetryLogbackAppender.detachFromRoot();
		}
	}

	/**
	 * Installs the appender on the SDK, or takes it off the root logger when the SDK
	 * exports no logs (its logs bridge is the no-op one).
	 * @param openTelemetry the SDK
	 * @param settings what records carry
	 * @return whether records are exported
	 */
	static boolean install(OpenTelemetry openTelemetry, LogAppenderSettings settings) {
		if (openTelemetry.getLogsBridge().get(PROBE) == LoggerProvider.noop().get(PROBE)) {
			OpenTelemetryLogbackAppender.detachFromRoot();
			return false;
		}
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender == null) {
			return false;
		}
		appender.install(new LogRecordEmitter(openTelemetry, settings));
		return true;
	}

	static void uninstall(OpenTelemetry openTelemetry) {
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender != null) {
			appender.uninstall(openTelemetry);
		}
	}

}
