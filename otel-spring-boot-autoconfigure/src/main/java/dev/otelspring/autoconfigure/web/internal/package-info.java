/**
 * What server and client HTTP spans share: method normalisation, status codes, URL
 * sanitizing, captured headers and the shared HTTP settings. Internal: used by the
 * {@code web.servlet} and {@code web.client} packages, not an API, may change in any
 * release.
 */
package dev.otelspring.autoconfigure.web.internal;
