package dev.otelspring.autoconfigure.config;

import java.time.Duration;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The validated log export settings, from the SDK's standard keys.
 *
 * @param exporters the exporters {@code otel.logs.exporter} lists ({@code otlp} by
 * default), empty for {@code none}
 * @param scheduleDelay {@code otel.blrp.schedule.delay}: time between exports, 1 s by
 * default
 * @param maxQueueSize {@code otel.blrp.max.queue.size}: records queued before new ones
 * are dropped, 2048 by default
 * @param maxExportBatchSize {@code otel.blrp.max.export.batch.size}: records per export,
 * 512 by default
 * @param exportTimeout {@code otel.blrp.export.timeout}: time an export may take, 30 s by
 * default
 */
public record LogsSettings(List<LogsExporterType> exporters, Duration scheduleDelay, int maxQueueSize,
		int maxExportBatchSize, Duration exportTimeout) {

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static LogsSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		Duration delay = properties.getDuration(OtelPropertyNames.BLRP_SCHEDULE_DELAY, Duration.ofSeconds(1));
		int queueSize = properties.getInt(OtelPropertyNames.BLRP_MAX_QUEUE_SIZE, 2048, 1);
		int batchSize = properties.getInt(OtelPropertyNames.BLRP_MAX_EXPORT_BATCH_SIZE, Math.min(512, queueSize), 1);
		if (batchSize > queueSize) {
			throw new InvalidOtelPropertyException(OtelPropertyNames.BLRP_MAX_EXPORT_BATCH_SIZE,
					properties.getString(OtelPropertyNames.BLRP_MAX_EXPORT_BATCH_SIZE),
					"a whole number from 1 to " + OtelPropertyNames.BLRP_MAX_QUEUE_SIZE + " (" + queueSize + ")");
		}
		Duration timeout = properties.getDuration(OtelPropertyNames.BLRP_EXPORT_TIMEOUT, Duration.ofSeconds(30));
		if (timeout.isZero()) {
			throw new InvalidOtelPropertyException(OtelPropertyNames.BLRP_EXPORT_TIMEOUT,
					properties.getString(OtelPropertyNames.BLRP_EXPORT_TIMEOUT),
					"a positive duration: milliseconds as a number (30000) or with a unit (500ms, 30s)");
		}
		return new LogsSettings(exporters(environment), delay, queueSize, batchSize, timeout);
	}

	/**
	 * Returns whether log records are exported at all: the SDK is on and
	 * {@code otel.logs.exporter} is not {@code none}. An invalid value answers
	 * {@code false} here; the auto-configuration reports it.
	 * @param environment the Spring environment
	 * @return whether log records are exported
	 */
	public static boolean isExportEnabled(Environment environment) {
		try {
			return !new OtelProperties(environment).getBoolean(OtelPropertyNames.SDK_DISABLED, false)
					&& !exporters(environment).isEmpty();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Reads the exporters alone, for the conditions that choose them.
	 * @param environment the Spring environment
	 * @return the exporters, empty for {@code none}
	 */
	static List<LogsExporterType> exporters(Environment environment) {
		List<String> names = new OtelProperties(environment).getList(OtelPropertyNames.LOGS_EXPORTER,
				List.of(LogsExporterType.OTLP.value()));
		return PropertyValues.parseList(OtelPropertyNames.LOGS_EXPORTER, names, LogsExporterType.class,
				LogsExporterType.NONE);
	}

}
