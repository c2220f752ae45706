/**
 * The OTLP span exporter. Public API: the auto-configuration and the builder customizers.
 */
package dev.otelspring.autoconfigure.exporter;
