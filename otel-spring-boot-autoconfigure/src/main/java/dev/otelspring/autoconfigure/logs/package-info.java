/**
 * Log export: the OpenTelemetry logs SDK ({@code SdkLoggerProvider} and its batch
 * processor) from the standard {@code otel.logs.*} and {@code otel.blrp.*} keys, and the
 * Logback appender that turns each log event into a log record, from the application's
 * first lines on.
 */
package dev.otelspring.autoconfigure.logs;
