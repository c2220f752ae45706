/**
 * The annotations users put on their code: {@link dev.otelspring.annotation.Traced} and
 * {@link dev.otelspring.annotation.SpanAttribute}. Public API.
 */
package dev.otelspring.annotation;
