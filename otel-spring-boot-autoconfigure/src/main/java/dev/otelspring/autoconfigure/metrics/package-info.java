/**
 * The OpenTelemetry metrics SDK: the {@code SdkMeterProvider} from the standard
 * {@code otel.metrics.*} keys, reading every metric exporter on the configured interval,
 * and the JVM's runtime metrics.
 */
package dev.otelspring.autoconfigure.metrics;
