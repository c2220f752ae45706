package dev.otelspring.autoconfigure.logs;

import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender, attached to the root logger, that hands every log event to the
 * OpenTelemetry logs SDK as a log record through its {@link LogEventSink} (which holds
 * the events logged before the SDK is ready, and never blocks or recurses;
 * {@link LogRecordEmitter} says what a record holds). Thread-safe.
 */
public final class OpenTelemetryLogbackAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/** The appender's name on the root logger. */
	public static final String NAME = "OpenTelemetryLogRecords";

	private final LogEventSink sink = new LogEventSink();

	/**
	 * Returns the appender on Logback's root logger, attaching it first when it is not
	 * there.
	 * @return the appender, or {@code null} when SLF4J is not bound to Logback
	 */
	static OpenTelemetryLogbackAppender attach() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return null;
		}
		ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		synchronized (OpenTelemetryLogbackAppender.class) {
			Appender<ILoggingEvent> existing = root.getAppender(NAME);
			if (existing instanceof OpenTelemetryLogbackAppender appender) {
				return appender;
			}
			OpenTelemetryLogbackAppender appender = new OpenTelemetryLogbackAppender();
			appender.setContext(context);
			appender.setName(NAME);
			appender.start();
			root.addAppender(appender);
			return appender;
		}
	}

	/**
	 * Takes the appender off Logback's root logger, if it is there.
	 */
	static void detachFromRoot() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			Appender<ILoggingEvent> existing = root.getAppender(NAME);
			if (existing != null) {
				root.detachAppender(existing);
				existing.stop();
			}
		}
	}

	LogEventSink sink() {
		return this.sink;
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.sink.accept(event.getLoggerName(), event, OpenTelemetryLogbackAppender::capture);
	}

	private static CapturedLogEvent capture(ILoggingEvent event, boolean withMdc) {
		Instant instant = event.getInstant();
		long epochNanos = (instant != null) ? instant.getEpochSecond() * 1_000_000_000L + instant.getNano()
				: event.getTimeStamp() * 1_000_000L;
		IThrowableProxy proxy = event.getThrowableProxy();
		Throwable throwable = (proxy instanceof ThrowableProxy throwableProxy) ? throwableProxy.getThrowable() : null;
		Level level = event.getLevel();
		return new CapturedLogEvent(epochNanos, severity(level.toInt()), level.toString(), event.getLoggerName(),
				event.getThreadName(), Thread.currentThread().getId(), event.getFormattedMessage(), throwable,
				withMdc ? event.getMDCPropertyMap() : Map.of(), Context.current());
	}

	static Severity severity(int level) {
		if (level <= Level.TRACE_INT) {
			return Severity.TRACE;
		}
		if (level <= Level.DEBUG_INT) {
			return Severity.DEBUG;
		}
		if (level <= Level.INFO_INT) {
			return Severity.INFO;
		}
		return (level <= Level.WARN_INT) ? Severity.WARN : Severity.ERROR;
	}

}
