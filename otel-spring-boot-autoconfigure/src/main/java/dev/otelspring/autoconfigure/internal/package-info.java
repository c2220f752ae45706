/**
 * Helpers shared by the instrumentation packages. Internal: not an API, may change in any
 * release.
 */
package dev.otelspring.autoconfigure.internal;
