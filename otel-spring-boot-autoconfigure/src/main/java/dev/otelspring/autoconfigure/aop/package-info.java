/**
 * {@code @Traced} business spans, with Spring AOP alone. Everything but the
 * auto-configuration is package-private.
 */
package dev.otelspring.autoconfigure.aop;
