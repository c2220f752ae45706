package dev.otelspring.autoconfigure.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.otelspring.autoconfigure.config.LogAppenderSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.semconv.ExceptionAttributes;

/**
 * Turns captured log events (of any logging system) into OpenTelemetry log records: the
 * body, the time, the severity (number and text), the logger as the instrumentation
 * scope, the thread, the trace context the event was logged in, the exception
 * ({@code exception.type}, {@code .message}, {@code .stacktrace}) and the configured MDC
 * entries. Thread-safe.
 */
final class LogRecordEmitter {

	private static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");

	private static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");

	private static final int MAX_CACHED_LOGGERS = 10_000;

	private final OpenTelemetry openTelemetry;

	private final LoggerProvider loggers;

	private final LogAppenderSettings settings;

	private final Map<String, Logger> cache = new ConcurrentHashMap<>();

	LogRecordEmitter(OpenTelemetry openTelemetry, LogAppenderSettings settings) {
		this.openTelemetry = openTelemetry;
		this.loggers = openTelemetry.getLogsBridge();
		this.settings = settings;
	}

	OpenTelemetry openTelemetry() {
		return this.openTelemetry;
	}

	/**
	 * Returns whether records carry MDC entries, so whether events need theirs read.
	 * @return whether any MDC key is captured
	 */
	boolean capturesAnyMdc() {
		return this.settings.capturesAnyMdc();
	}

	void emit(CapturedLogEvent event) {
		LogRecordBuilder record = logger(event.loggerName()).logRecordBuilder()
			.setTimestamp(event.epochNanos(), TimeUnit.NANOSECONDS)
			.setSeverity(event.severity())
			.setSeverityText(event.levelName())
			.setBody(event.message())
			.setContext(event.context())
			.setAttribute(THREAD_NAME, event.threadName())
			.setAttribute(THREAD_ID, event.threadId());
		Throwable throwable = event.throwable();
		if (throwable != null) {
			record.setAttribute(ExceptionAttributes.EXCEPTION_TYPE, throwable.getClass().getName());
			if (throwable.getMessage() != null) {
				record.setAttribute(ExceptionAttributes.EXCEPTION_MESSAGE, throwable.getMessage());
			}
			StringWriter stackTrace = new StringWriter();
			throwable.printStackTrace(new PrintWriter(stackTrace));
			record.setAttribute(ExceptionAttributes.EXCEPTION_STACKTRACE, stackTrace.toString());
		}
		if (this.settings.capturesAnyMdc()) {
			event.mdc().forEach((key, value) -> {
				if (value != null && this.settings.capturesMdc(key)) {
					record.setAttribute(AttributeKey.stringKey(key), value);
				}
			});
		}
		record.emit();
	}

	private Logger logger(String name) {
		String scope = (name != null) ? name : "ROOT";
		Logger logger = this.cache.get(scope);
		if (logger == null) {
			logger = this.loggers.get(scope);
			if (this.cache.size() < MAX_CACHED_LOGGERS) {
				this.cache.put(scope, logger);
			}
		}
		return logger;
	}

}
