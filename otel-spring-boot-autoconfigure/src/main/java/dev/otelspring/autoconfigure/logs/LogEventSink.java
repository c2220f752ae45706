package dev.otelspring.autoconfigure.logs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiFunction;

import io.opentelemetry.api.OpenTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where an appender hands its events, whichever logging system it belongs to: from the
 * moment logging is set up until the SDK is ready it holds them (at most
 * {@value #EARLY_CAPACITY}; later ones are counted and reported), then delivers them with
 * their own time and trace context, and every later event as it happens.
 *
 * <p>
 * It never blocks: the SDK's batch processor drops records when its queue is full. It
 * never recurses: the SDK's and the HTTP clients' own loggers are not exported, and an
 * event logged while a record is being emitted on the same thread is ignored. A failure
 * costs the record, never the logging call. Thread-safe.
 */
final class LogEventSink {

	static final int EARLY_CAPACITY = 1000;

	private static final Log logger = LogFactory.getLog(LogEventSink.class);

	private static final String[] EXCLUDED_LOGGERS = { "io.opentelemetry.", "okhttp3.", "okio.",
			"jdk.internal.httpclient" };

	private static final ThreadLocal<Boolean> EMITTING = new ThreadLocal<>();

	private final Object lock = new Object();

	private volatile LogRecordEmitter emitter;

	private boolean buffering;

	private final Deque<CapturedLogEvent> early = new ArrayDeque<>();

	private long earlyDropped;

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
	 * Returns whether events are held for a later {@link #install}.
	 * @return whether events are held
	 */
	boolean isBuffering() {
		synchronized (this.lock) {
			return this.buffering;
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
	 * Emits, holds or ignores one event of the logging system, on the thread that logged
	 * it.
	 * @param <E> the logging system's event type
	 * @param loggerName the name of the logger the event was logged through
	 * @param event the event
	 * @param capture what a record is made of, read from the event; its second argument
	 * says whether the event's MDC is needed (an event held until the SDK is ready keeps
	 * its MDC, as which keys are captured is not known yet)
	 */
	<E> void accept(String loggerName, E event, BiFunction<E, Boolean, CapturedLogEvent> capture) {
		if (EMITTING.get() != null || isExcluded(loggerName)) {
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
							hold(capture.apply(event, true));
						}
						return;
					}
				}
			}
			current.emit(capture.apply(event, current.capturesAnyMdc()));
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

}
