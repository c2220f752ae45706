/**
 * Spring Boot Actuator and Micrometer integration of the export statistics. Everything
 * but the auto-configuration is package-private.
 */
package dev.otelspring.autoconfigure.actuate;
