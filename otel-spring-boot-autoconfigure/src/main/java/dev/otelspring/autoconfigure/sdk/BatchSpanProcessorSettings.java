package dev.otelspring.autoconfigure.sdk;

import java.time.Duration;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;

/**
 * Applies the standard {@code otel.bsp.*} properties to a {@link BatchSpanProcessorBuilder}.
 *
 * <p>Two defaults differ from the SDK's: the queue holds {@value #DEFAULT_MAX_QUEUE_SIZE} spans (SDK:
 * 2048) and an export carries up to {@value #DEFAULT_MAX_EXPORT_BATCH_SIZE} (SDK: 512). The batch
 * processor exports from a single thread, one request at a time; measured on two cores, 512-span
 * batches carried about 9 000 spans a second and a busy service dropped a third of its spans, while
 * 2048-span batches carried every span of 12 700 requests a second, with less CPU per request (see
 * docs/benchmarks.md). The larger queue absorbs half a second of such a burst; it costs memory only
 * while it is full (about 1 KB a span). The schedule delay and export timeout stay the SDK's. Every
 * key can still be set.
 */
final class BatchSpanProcessorSettings {

	static final String SCHEDULE_DELAY = "otel.bsp.schedule.delay";

	static final String MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";

	static final String MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";

	static final String EXPORT_TIMEOUT = "otel.bsp.export.timeout";

	static final int DEFAULT_MAX_QUEUE_SIZE = 8192;

	static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 2048;

	private BatchSpanProcessorSettings() {
	}

	static void apply(OtelProperties properties, BatchSpanProcessorBuilder builder) {
		Duration delay = properties.getDuration(SCHEDULE_DELAY, null);
		if (delay != null) {
			builder.setScheduleDelay(delay);
		}
		int queueSize = properties.getInt(MAX_QUEUE_SIZE, DEFAULT_MAX_QUEUE_SIZE, 1);
		builder.setMaxQueueSize(queueSize);
		String batch = properties.getString(MAX_EXPORT_BATCH_SIZE);
		int batchSize = properties.getInt(MAX_EXPORT_BATCH_SIZE, Math.min(DEFAULT_MAX_EXPORT_BATCH_SIZE, queueSize), 1);
		if (batchSize > queueSize) {
			throw new InvalidOtelPropertyException(MAX_EXPORT_BATCH_SIZE, batch,
					"a whole number from 1 to " + MAX_QUEUE_SIZE + " (" + queueSize + ")");
		}
		builder.setMaxExportBatchSize(batchSize);
		Duration timeout = properties.getDuration(EXPORT_TIMEOUT, null);
		if (timeout != null) {
			builder.setExporterTimeout(timeout);
		}
	}

}
