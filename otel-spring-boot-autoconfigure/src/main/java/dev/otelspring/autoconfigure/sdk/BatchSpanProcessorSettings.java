package dev.otelspring.autoconfigure.sdk;

import java.time.Duration;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;

/**
 * Applies the standard {@code otel.bsp.*} properties to a {@link BatchSpanProcessorBuilder}.
 *
 * <p>One default differs from the SDK's: the queue holds {@value #DEFAULT_MAX_QUEUE_SIZE} spans (SDK:
 * 2048). The batch processor exports from a single thread, one request at a time, so while the
 * exporter is slower than the application (cold code just after startup, a collector that answers
 * slowly for a moment) spans wait in the queue. Measured on two cores at 15 200 spans a second, the
 * SDK's queue overflowed in the first five seconds after startup (about 4% of the spans dropped) and
 * this one did not (see docs/benchmarks.md). It costs memory only while it is full (about 1 KB a
 * span). Batches stay the SDK's {@value #DEFAULT_MAX_EXPORT_BATCH_SIZE} spans: larger ones cost more
 * CPU per request (the spans live longer and the request buffer is larger) and delivered no more
 * spans in the end-to-end benchmark; only at 20 000 spans a second just after startup did they drop
 * fewer. The schedule delay and export timeout stay the SDK's. Every key can still be set.
 */
final class BatchSpanProcessorSettings {

	static final String SCHEDULE_DELAY = "otel.bsp.schedule.delay";

	static final String MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";

	static final String MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";

	static final String EXPORT_TIMEOUT = "otel.bsp.export.timeout";

	static final int DEFAULT_MAX_QUEUE_SIZE = 8192;

	/** The SDK's default, kept. */
	static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;

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
