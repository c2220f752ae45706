/**
 * Beside Micrometer Tracing (Actuator with {@code micrometer-tracing-bridge-otel}, or
 * Boot 4's {@code spring-boot-starter-opentelemetry}): Spring's observations of what this
 * starter already traces make no second span.
 */
package dev.otelspring.autoconfigure.micrometer;
