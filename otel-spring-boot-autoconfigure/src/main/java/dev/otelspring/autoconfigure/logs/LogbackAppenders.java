package dev.otelspring.autoconfigure.logs;

import io.opentelemetry.api.OpenTelemetry;

/**
 * The {@link OpenTelemetryLogbackAppender}'s life cycle on Logback's root logger.
 */
final class LogbackAppenders implements LogAppenders {

	static final LogbackAppenders INSTANCE = new LogbackAppenders();

	private LogbackAppenders() {
	}

	@Override
	public void startBuffering() {
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender != null) {
			appender.sink().startBuffering();
		}
	}

	@Override
	public void stopBuffering() {
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender != null && appender.sink().isBuffering()) {
			OpenTelemetryLogbackAppender.detachFromRoot();
		}
	}

	@Override
	public boolean install(LogRecordEmitter emitter) {
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender == null) {
			return false;
		}
		appender.sink().install(emitter);
		return true;
	}

	@Override
	public void uninstall(OpenTelemetry openTelemetry) {
		OpenTelemetryLogbackAppender appender = OpenTelemetryLogbackAppender.attach();
		if (appender != null) {
			appender.sink().uninstall(openTelemetry);
		}
	}

	@Override
	public void detach() {
		OpenTelemetryLogbackAppender.detachFromRoot();
	}

}
