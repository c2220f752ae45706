/**
 * SERVER spans for Spring WebFlux: a {@code WebFilter}, with the trace context carried
 * through the handler's Reactor pipeline.
 */
package dev.otelspring.autoconfigure.web.reactive;
