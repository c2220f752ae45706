package dev.otelspring.autoconfigure.sdk;

import java.time.Duration;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;

/**
 * Applies the standard {@code otel.bsp.*} properties to a {@link BatchSpanProcessorBuilder}. Absent
 * keys keep the SDK's own defaults.
 */
final class BatchSpanProcessorSettings {

	static final String SCHEDULE_DELAY = "otel.bsp.schedule.delay";

	static final String MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";

	static final String MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";

	static final String EXPORT_TIMEOUT = "otel.bsp.export.timeout";

	private BatchSpanProcessorSettings() {
	}

	static void apply(OtelProperties properties, BatchSpanProcessorBuilder builder) {
		Duration delay = properties.getDuration(SCHEDULE_DELAY, null);
		if (delay != null) {
			builder.setScheduleDelay(delay);
		}
		String queue = properties.getString(MAX_QUEUE_SIZE);
		int queueSize = properties.getInt(MAX_QUEUE_SIZE, 2048, 1);
		if (queue != null) {
			builder.setMaxQueueSize(queueSize);
		}
		String batch = properties.getString(MAX_EXPORT_BATCH_SIZE);
		if (batch != null) {
			int batchSize = properties.getInt(MAX_EXPORT_BATCH_SIZE, 512, 1);
			if (batchSize > queueSize) {
				throw new InvalidOtelPropertyException(MAX_EXPORT_BATCH_SIZE, batch,
						"a whole number from 1 to " + MAX_QUEUE_SIZE + " (" + queueSize + ")");
			}
			builder.setMaxExportBatchSize(batchSize);
		}
		Duration timeout = properties.getDuration(EXPORT_TIMEOUT, null);
		if (timeout != null) {
			builder.setExporterTimeout(timeout);
		}
	}

}
