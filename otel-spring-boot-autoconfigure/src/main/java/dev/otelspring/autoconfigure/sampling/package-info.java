/**
 * Sampling: the head sampler, sampling rules, rate limiting and tail sampling. Public
 * API: the auto-configuration and the samplers and processor it publishes as beans.
 */
package dev.otelspring.autoconfigure.sampling;
