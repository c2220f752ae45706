/**
 * The OpenTelemetry SDK for tracing. Public API: the auto-configuration, the builder
 * customizers and the extension interfaces other packages and applications contribute as
 * beans ({@link dev.otelspring.autoconfigure.sdk.SpanExporterDecorator},
 * {@link dev.otelspring.autoconfigure.sdk.DelegatingSpanProcessor},
 * {@link dev.otelspring.autoconfigure.sdk.SdkShutdownListener}).
 */
package dev.otelspring.autoconfigure.sdk;
