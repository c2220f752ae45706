package dev.otelspring.autoconfigure.logs;

import java.beans.PropertyChangeListener;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.opentelemetry.api.OpenTelemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * The {@link OpenTelemetryLog4j2Appender}'s life cycle on the root logger of Log4j2's
 * current configuration. One {@link LogEventSink} outlives the configurations: when
 * Log4j2 is reconfigured (a changed file, Spring Boot setting it up again) while the
 * appender is in use, the new configuration gets a new appender over the same sink.
 */
final class Log4j2Appenders implements LogAppenders {

	static final Log4j2Appenders INSTANCE = new Log4j2Appenders();

	private final LogEventSink sink = new LogEventSink();

	private final Map<LoggerContext, Boolean> watched = Collections.synchronizedMap(new WeakHashMap<>());

	private volatile boolean inUse;

	private Log4j2Appenders() {
	}

	@Override
	public void startBuffering() {
		if (attach() != null) {
			this.inUse = true;
			this.sink.startBuffering();
		}
	}

	@Override
	public void stopBuffering() {
		if (this.sink.isBuffering()) {
			this.inUse = false;
			detach();
		}
	}

	@Override
	public boolean install(LogRecordEmitter emitter) {
		if (attach() == null) {
			return false;
		}
		this.inUse = true;
		this.sink.install(emitter);
		return true;
	}

	@Override
	public void uninstall(OpenTelemetry openTelemetry) {
		this.sink.uninstall(openTelemetry);
	}

	@Override
	public void detach() {
		this.inUse = false;
		LoggerContext context = loggerContext();
		if (context == null) {
			return;
		}
		synchronized (this) {
			Configuration configuration = context.getConfiguration();
			LoggerConfig root = configuration.getRootLogger();
			if (root.getAppenders().containsKey(OpenTelemetryLog4j2Appender.NAME)) {
				root.removeAppender(OpenTelemetryLog4j2Appender.NAME);
				Appender appender = configuration.getAppenders().get(OpenTelemetryLog4j2Appender.NAME);
				if (appender != null) {
					appender.stop();
				}
				context.updateLoggers();
			}
		}
	}

	/**
	 * Returns the appender on the root logger of the current configuration, adding it
	 * first when it is not there.
	 * @return the appender, or {@code null} when Log4j2's core is not the logging system
	 * (its API routed to SLF4J, for one)
	 */
	OpenTelemetryLog4j2Appender attach() {
		LoggerContext context = loggerContext();
		if (context == null) {
			return null;
		}
		synchronized (this) {
			watch(context);
			Configuration configuration = context.getConfiguration();
			LoggerConfig root = configuration.getRootLogger();
			Appender existing = root.getAppenders().get(OpenTelemetryLog4j2Appender.NAME);
			if (existing instanceof OpenTelemetryLog4j2Appender appender && appender.isStarted()) {
				return appender;
			}
			if (existing != null) {
				root.removeAppender(OpenTelemetryLog4j2Appender.NAME);
			}
			OpenTelemetryLog4j2Appender appender = new OpenTelemetryLog4j2Appender(this.sink);
			appender.start();
			configuration.addAppender(appender);
			root.addAppender(appender, null, null);
			context.updateLoggers();
			return appender;
		}
	}

	private void watch(LoggerContext context) {
		if (this.watched.putIfAbsent(context, Boolean.TRUE) == null) {
			PropertyChangeListener reattach = (event) -> {
				if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName()) && this.inUse) {
					attach();
				}
			};
			context.addPropertyChangeListener(reattach);
		}
	}

	private static LoggerContext loggerContext() {
		return (LogManager.getContext(false) instanceof LoggerContext context) ? context : null;
	}

}
