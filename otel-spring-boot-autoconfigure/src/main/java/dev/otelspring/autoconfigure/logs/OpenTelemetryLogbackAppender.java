package dev.otelspring.autoconfigure.logs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender, attached to the root logger, that hands every log event to the
 * OpenTelemetry logs SDK as a log record ({@link LogRecordEmitter} says what a record
 * holds).
 *
 * <p>
 * From the moment the logging system is initialized until the SDK is ready it holds the
 * events (at most {@value #EARLY_CAPACITY}; later ones are counted and reported), and
 * delivers them, with their own time and trace context, when it is installed. It never
 * blocks: the SDK's batch processor drops records when its queue is full. It never
 * recurses: the SDK's and the HTTP clients' own loggers are not exported, and an event
 * logged while a record is being emitted on the same thread is ignored. A failure costs
 * the record, never the logging call. Thread-safe.
 */
public final class OpenTelemetryLogbackAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/** The appender's name on the root logger. */
	public static final String NAME = "OpenTelemetryLogRecords";

	static final int EARLY_CAPACITY = 1000;

	private static final Log logger = LogFactory.getLog(OpenTelemetryLogbackAppender.class);

	private static final String[] EXCLUDED_LOGGERS = { "io.opentelemetry.", "okhttp3.", "okio.",
			"jdk.internal.httpclient" };

	private static final ThreadLocal<Boolean> EMITTING = new ThreadLocal<>();

	private final Object lock = new Object();

	private volatile LogRecordEmitter emitter;

	private boolean buffering;

	private final Deque<CapturedLogEvent> early = new ArrayDeque<>();

	private long earlyDropped;

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

	/**
	 * Holds the events from now on, until {@link #install} delivers them.
	 */
	void startBuffering() {
		synchronized (this.lock) {
			this.emitter = null;
			this.buffering = true;
		}
	}

	/**
	 * Delivers the events held so far, then every event as it happens, to the given
	 * emitter.
	 * @param emitter the emitter
	 */
	void install(LogRecordEmitter emitter) {
		long dropped;
		int delivered;
		synchronized (this.lock) {
			delivered = this.early.size();
			EMITTING.set(Boolean.TRUE);
			try {
				for (CapturedLogEvent event : this.early) {
					emitSafely(emitter, event);
				}
			}
			finally {
				EMITTING.remove();
			}
			this.early.clear();
			dropped = this.earlyDropped;
			this.earlyDropped = 0;
			this.buffering = false;
			this.emitter = emitter;
		}
		if (dropped > 0) {
			logger.warn(delivered + " log lines written before OpenTelemetry was ready were exported; " + dropped
					+ " more were not (the first " + EARLY_CAPACITY + " are held).");
		}
	}

	/**
	 * Stops exporting through the given SDK, when it is the one installed: the context
	 * that owns it is closing.
	 * @param openTelemetry the SDK
	 */
	void uninstall(OpenTelemetry openTelemetry) {
		synchronized (this.lock) {
			LogRecordEmitter current = this.emitter;
			if (current != null && current.openTelemetry() == openTelemetry) {
				this.emitter = null;
			}
			this.buffering = false;
			this.early.clear();
		}
	}

	/**
	 * Returns whether events are held for a later {@link #install}.
	 * @return whether events are held
	 */
	boolean isBuffering() {
		synchronized (this.lock) {
			return this.buffering;
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (EMITTING.get() != null || isExcluded(event.getLoggerName())) {
			return;
		}
		EMITTING.set(Boolean.TRUE);
		try {
			LogRecordEmitter current = this.emitter;
			if (current == null) {
				synchronized (this.lock) {
					current = this.emitter;
					if (current == null) {
						if (this.buffering) {
							hold(capture(event));
						}
						return;
					}
				}
			}
			current.emit(capture(event));
		}
		catch (RuntimeException | LinkageError ex) {
			// A record lost; the logging call goes on.
		}
		finally {
			EMITTING.remove();
		}
	}

	private void hold(CapturedLogEvent event) {
		if (this.early.size() < EARLY_CAPACITY) {
			this.early.add(event);
		}
		else {
			this.earlyDropped++;
		}
	}

	private static void emitSafely(LogRecordEmitter emitter, CapturedLogEvent event) {
		try {
			emitter.emit(event);
		}
		catch (RuntimeException | LinkageError ex) {
			// A record lost.
		}
	}

	static boolean isExcluded(String loggerName) {
		if (loggerName == null) {
			return false;
		}
		for (String prefix : EXCLUDED_LOGGERS) {
			if (loggerName.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static CapturedLogEvent capture(ILoggingEvent event) {
		Instant instant = event.getInstant();
		long epochNanos = (instant != null) ? instant.getEpochSecond() * 1_000_000_000L + instant.getNano()
				: event.getTimeStamp() * 1_000_000L;
		IThrowableProxy proxy = event.getThrowableProxy();
		Throwable throwable = (proxy instanceof ThrowableProxy throwableProxy) ? throwableProxy.getThrowable() : null;
		Thread thread = Thread.currentThread();
		return new CapturedLogEvent(epochNanos, event.getLevel().toInt(), event.getLevel().toString(),
				event.getLoggerName(), event.getThreadName(), thread.getId(), event.getFormattedMessage(), throwable,
				event.getMDCPropertyMap(), Context.current());
	}

}
