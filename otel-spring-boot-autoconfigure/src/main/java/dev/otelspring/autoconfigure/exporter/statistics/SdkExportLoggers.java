package dev.otelspring.autoconfigure.exporter.statistics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.Environment;

/**
 * Quiets the SDK's loggers that write a line per failed export (the OTLP exporters) or
 * per export while the queue overflows (the batch span processor, from SDK 1.5x on), once
 * {@link SpanExportStatistics} reports the same events in a few lines instead. It is
 * called when the starter's batch span processor is built around the counting exporter,
 * so an application with its own {@code OpenTelemetry} or {@code BatchSpanProcessor}
 * keeps the SDK's logging. Each logger keeps any level the application sets for it.
 */
final class SdkExportLoggers {

	/**
	 * The loggers and their quiet level; the exporters' names moved between SDK versions.
	 */
	static final Map<String, LogLevel> QUIETED = Map.of("io.opentelemetry.exporter.internal.http.HttpExporter",
			LogLevel.OFF, "io.opentelemetry.exporter.internal.grpc.GrpcExporter", LogLevel.OFF,
			"io.opentelemetry.exporter.otlp.internal.HttpExporter", LogLevel.OFF,
			"io.opentelemetry.exporter.otlp.internal.GrpcExporter", LogLevel.OFF,
			"io.opentelemetry.sdk.trace.export.BatchSpanProcessor", LogLevel.ERROR);

	private final Environment environment;

	private final AtomicBoolean quieted = new AtomicBoolean();

	SdkExportLoggers(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Sets the quiet levels, once, where the application has not set a level.
	 */
	void quiet() {
		if (!this.quieted.compareAndSet(false, true)) {
			return;
		}
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		QUIETED.forEach((logger, level) -> {
			if (!this.environment.containsProperty("logging.level." + logger)) {
				loggingSystem.setLogLevel(logger, level);
			}
		});
	}

}
