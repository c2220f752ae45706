package dev.otelspring.autoconfigure.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quiets OpenTelemetry loggers that write a line per event, so that neither a dead
 * collector nor a hostile request can flood the application's log:
 * <ul>
 * <li>the SDK's OTLP exporters, which log each failed export (throttled, but still many
 * lines while a collector is down): {@code SpanExportStatistics} reports the same
 * failures as one WARN line when exporting starts failing and one INFO line when it
 * recovers, and counts every lost span;</li>
 * <li>the SDK's batch span processor, which (from SDK 1.5x on) logs a WARN after every
 * export while its queue overflows: {@code SpanExportStatistics} counts the dropped spans
 * and says so in one WARN line, repeated at most every few minutes; the processor's ERROR
 * lines still show;</li>
 * <li>the W3C baggage parser, which logs a WARN with a stack trace for every malformed
 * {@code baggage} header a client sends (the header is ignored, as it should be).</li>
 * </ul>
 * Each logger keeps any level the application sets for it.
 */
final class OpenTelemetryLoggingDefaults implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The loggers quieted; the exporters' names moved between SDK versions. */
	static final Map<String, String> QUIETED_LOGGERS = Map.of("io.opentelemetry.api.baggage.propagation.Parser", "off",
			"io.opentelemetry.exporter.internal.http.HttpExporter", "off",
			"io.opentelemetry.exporter.internal.grpc.GrpcExporter", "off",
			"io.opentelemetry.exporter.otlp.internal.HttpExporter", "off",
			"io.opentelemetry.exporter.otlp.internal.GrpcExporter", "off",
			"io.opentelemetry.sdk.trace.export.BatchSpanProcessor", "error");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		Map<String, Object> defaults = new LinkedHashMap<>();
		QUIETED_LOGGERS.forEach((logger, level) -> {
			String key = "logging.level." + logger;
			if (!environment.containsProperty(key)) {
				defaults.put(key, level);
			}
		});
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("otelQuietLoggers", defaults));
		}
	}

	@Override
	public int getOrder() {
		// Before LoggingApplicationListener (HIGHEST_PRECEDENCE + 20) applies the levels.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
