package dev.otelspring.autoconfigure.logs;

import java.util.Map;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;

/**
 * What a log record is made of, taken from a logging system's event on the thread that
 * logged it: what the appender emits at once, or holds until the SDK is ready.
 *
 * @param epochNanos when the event happened
 * @param severity the level, as OpenTelemetry's severity
 * @param levelName the level's name in the logging system
 * @param loggerName the logger's name
 * @param threadName the logging thread's name
 * @param threadId the logging thread's id
 * @param message the formatted message
 * @param throwable the exception logged with it, or {@code null}
 * @param mdc the MDC entries at the time
 * @param context the OpenTelemetry context at the time (for the trace and span ids)
 */
record CapturedLogEvent(long epochNanos, Severity severity, String levelName, String loggerName, String threadName,
		long threadId, String message, Throwable throwable, Map<String, String> mdc, Context context) {

}
