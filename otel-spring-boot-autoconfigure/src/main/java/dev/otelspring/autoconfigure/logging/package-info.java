/**
 * Trace ids in the logging MDC, and quiet defaults for the SDK's noisy loggers.
 * Everything but the auto-configuration and the application listeners is package-private.
 */
package dev.otelspring.autoconfigure.logging;
