package dev.otelspring.autoconfigure.config;

import java.time.Duration;

import org.springframework.core.env.Environment;

/**
 * The batch span processor's settings, from the standard {@code otel.bsp.*} keys.
 *
 * <p>
 * One default differs from the SDK's: the queue holds {@value #DEFAULT_MAX_QUEUE_SIZE}
 * spans (SDK: 2048), so that spans wait rather than being dropped while export is briefly
 * slower than the application, as just after startup; it costs memory only while it is
 * full. docs/benchmarks.md has the measurements behind it. The other defaults are the
 * SDK's.
 *
 * @param scheduleDelay the time between exports
 * @param maxQueueSize the spans queued before new ones are dropped
 * @param maxExportBatchSize the spans per export, at most the queue size
 * @param exportTimeout the time an export may take
 */
public record BatchSettings(Duration scheduleDelay, int maxQueueSize, int maxExportBatchSize, Duration exportTimeout) {

	/** The default queue size, larger than the SDK's 2048. */
	public static final int DEFAULT_MAX_QUEUE_SIZE = 8192;

	/** The SDK's default batch size. */
	public static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;

	/** The SDK's default schedule delay. */
	public static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofSeconds(5);

	/** The SDK's default export timeout. */
	public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static BatchSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		Duration delay = properties.getDuration(OtelPropertyNames.BSP_SCHEDULE_DELAY, DEFAULT_SCHEDULE_DELAY);
		int queueSize = properties.getInt(OtelPropertyNames.BSP_MAX_QUEUE_SIZE, DEFAULT_MAX_QUEUE_SIZE, 1);
		int batchSize = properties.getInt(OtelPropertyNames.BSP_MAX_EXPORT_BATCH_SIZE,
				Math.min(DEFAULT_MAX_EXPORT_BATCH_SIZE, queueSize), 1);
		if (batchSize > queueSize) {
			throw new InvalidOtelPropertyException(OtelPropertyNames.BSP_MAX_EXPORT_BATCH_SIZE,
					properties.getString(OtelPropertyNames.BSP_MAX_EXPORT_BATCH_SIZE),
					"a whole number from 1 to " + OtelPropertyNames.BSP_MAX_QUEUE_SIZE + " (" + queueSize + ")");
		}
		Duration timeout = properties.getDuration(OtelPropertyNames.BSP_EXPORT_TIMEOUT, DEFAULT_EXPORT_TIMEOUT);
		if (timeout.isZero()) {
			// The processor would not wait for an export at all: under a slow collector,
			// exports would pile up on threads of their own without bound.
			throw new InvalidOtelPropertyException(OtelPropertyNames.BSP_EXPORT_TIMEOUT,
					properties.getString(OtelPropertyNames.BSP_EXPORT_TIMEOUT),
					"a positive duration: milliseconds as a number (30000) or with a unit (500ms, 30s)");
		}
		return new BatchSettings(delay, queueSize, batchSize, timeout);
	}

}
