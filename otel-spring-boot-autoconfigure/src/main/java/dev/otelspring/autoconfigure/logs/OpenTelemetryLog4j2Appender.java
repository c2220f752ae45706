package dev.otelspring.autoconfigure.logs;

import java.util.Map;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * A Log4j2 appender, attached to the root logger of the current configuration, that hands
 * every log event to the OpenTelemetry logs SDK as a log record through a
 * {@link LogEventSink} (which holds the events logged before the SDK is ready, and never
 * blocks or recurses; {@link LogRecordEmitter} says what a record holds). Log4j2 stops an
 * appender with the configuration that holds it, so a reconfiguration gets a new appender
 * over the same sink ({@link Log4j2Appenders}). Events are read on the logging thread:
 * with asynchronous loggers the record's trace context is the background thread's.
 * Thread-safe.
 */
public final class OpenTelemetryLog4j2Appender extends AbstractAppender {

	/** The appender's name in the configuration. */
	public static final String NAME = "OpenTelemetryLogRecords";

	private final LogEventSink sink;

	OpenTelemetryLog4j2Appender(LogEventSink sink) {
		super(NAME, null, null, true, Property.EMPTY_ARRAY);
		this.sink = sink;
	}

	@Override
	public void append(LogEvent event) {
		this.sink.accept(event.getLoggerName(), event, OpenTelemetryLog4j2Appender::capture);
	}

	private static CapturedLogEvent capture(LogEvent event, boolean withMdc) {
		Instant instant = event.getInstant();
		long epochNanos = instant.getEpochSecond() * 1_000_000_000L + instant.getNanoOfSecond();
		Level level = event.getLevel();
		Message message = event.getMessage();
		ReadOnlyStringMap contextData = withMdc ? event.getContextData() : null;
		// A mutable event is reused by its thread: what is held is copied.
		Map<String, String> mdc = (contextData == null || contextData.isEmpty()) ? Map.of() : contextData.toMap();
		return new CapturedLogEvent(epochNanos, severity(level), level.name(), event.getLoggerName(),
				event.getThreadName(), event.getThreadId(), (message != null) ? message.getFormattedMessage() : null,
				event.getThrown(), mdc, Context.current());
	}

	static Severity severity(Level level) {
		int intLevel = level.intLevel();
		if (intLevel <= Level.FATAL.intLevel()) {
			return Severity.FATAL;
		}
		if (intLevel <= Level.ERROR.intLevel()) {
			return Severity.ERROR;
		}
		if (intLevel <= Level.WARN.intLevel()) {
			return Severity.WARN;
		}
		if (intLevel <= Level.INFO.intLevel()) {
			return Severity.INFO;
		}
		return (intLevel <= Level.DEBUG.intLevel()) ? Severity.DEBUG : Severity.TRACE;
	}

}
