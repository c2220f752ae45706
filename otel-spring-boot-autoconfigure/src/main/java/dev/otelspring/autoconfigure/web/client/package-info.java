/**
 * CLIENT spans for {@code RestTemplate} and {@code RestClient}. Public API: the
 * auto-configuration and the interceptor bean type, so an application can replace it.
 */
package dev.otelspring.autoconfigure.web.client;
