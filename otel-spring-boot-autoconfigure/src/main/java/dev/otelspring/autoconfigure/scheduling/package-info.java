/**
 * Spans for {@code @Scheduled} runs: each run the root of a trace of its own.
 */
package dev.otelspring.autoconfigure.scheduling;
