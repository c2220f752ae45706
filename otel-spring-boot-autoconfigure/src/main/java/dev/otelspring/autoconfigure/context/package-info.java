/**
 * Trace context carried into tasks of Spring-managed executors. Everything but the
 * auto-configuration is package-private.
 */
package dev.otelspring.autoconfigure.context;
