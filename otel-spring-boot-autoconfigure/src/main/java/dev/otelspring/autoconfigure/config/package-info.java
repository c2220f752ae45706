/**
 * The configuration model: every {@code otel.*} key is bound and validated here into
 * immutable settings, and no other package reads a key by name. Public API: the settings
 * and properties records, the enums of the enumerated keys,
 * {@link dev.otelspring.autoconfigure.config.PathPattern},
 * {@link dev.otelspring.autoconfigure.config.InvalidOtelPropertyException} and the named
 * conditions.
 */
package dev.otelspring.autoconfigure.config;
