/**
 * The trace view for development: an in-memory store of the recent traces, the span
 * processor that fills it, and the page that shows them, as an Actuator endpoint or on
 * the application's own port.
 */
package dev.otelspring.autoconfigure.traceview;
