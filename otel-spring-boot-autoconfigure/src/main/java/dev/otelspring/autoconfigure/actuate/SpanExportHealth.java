package dev.otelspring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.otelspring.autoconfigure.config.ExportHealthProperties;
import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatistics;

/**
 * The health of span export, independent of any Actuator version: a status code and its
 * details. The details hold counts, times and the last error, never headers or
 * credentials.
 */
final class SpanExportHealth {

	private SpanExportHealth() {
	}

	static String status(SpanExportStatistics statistics, ExportHealthProperties properties) {
		return (statistics.getConsecutiveFailures() >= properties.failureThreshold()) ? properties.failingStatus()
				: "UP";
	}

	static Map<String, Object> details(SpanExportStatistics statistics) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("exported", statistics.getExported());
		details.put("failed", statistics.getFailed());
		details.put("dropped", statistics.getDropped());
		details.put("consecutiveFailures", statistics.getConsecutiveFailures());
		if (statistics.getLastSuccessTime() != null) {
			details.put("lastSuccess", statistics.getLastSuccessTime().toString());
		}
		if (statistics.getLastError() != null) {
			details.put("lastError", statistics.getLastError());
			details.put("lastErrorTime", String.valueOf(statistics.getLastErrorTime()));
		}
		return details;
	}

}
