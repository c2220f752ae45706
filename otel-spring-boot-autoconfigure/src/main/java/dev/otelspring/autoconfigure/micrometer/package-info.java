/**
 * Beside Micrometer: with Micrometer Tracing (Actuator with
 * {@code micrometer-tracing-bridge-otel}, or Boot 4's
 * {@code spring-boot-starter-opentelemetry}), Spring's observations of what this starter
 * already traces make no second span; with
 * {@code otel.instrumentation.micrometer.enabled}, Micrometer's meters are exported
 * through the starter's OpenTelemetry metrics pipeline.
 */
package dev.otelspring.autoconfigure.micrometer;
