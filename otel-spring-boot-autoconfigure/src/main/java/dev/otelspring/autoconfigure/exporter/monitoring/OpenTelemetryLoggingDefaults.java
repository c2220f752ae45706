package dev.otelspring.autoconfigure.exporter.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quiets OpenTelemetry loggers that write a line per event, so that neither a dead collector nor a
 * hostile request can flood the application's log:
 * <ul>
 * <li>the SDK's OTLP exporters, which log each failed export (throttled, but still many lines while a
 * collector is down): {@link SpanExportStatistics} reports the same failures as one WARN line when
 * exporting starts failing and one INFO line when it recovers, and counts every lost span;</li>
 * <li>the W3C baggage parser, which logs a WARN with a stack trace for every malformed
 * {@code baggage} header a client sends (the header is ignored, as it should be).</li>
 * </ul>
 * Each logger keeps any level the application sets for it.
 */
public final class OpenTelemetryLoggingDefaults implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The loggers quieted; the exporters' names moved between SDK versions. */
	static final List<String> QUIETED_LOGGERS = List.of("io.opentelemetry.api.baggage.propagation.Parser","io.opentelemetry.exporter.internal.http.HttpExporter",
			"io.opentelemetry.exporter.internal.grpc.GrpcExporter", "io.opentelemetry.exporter.otlp.internal.HttpExporter",
			"io.opentelemetry.exporter.otlp.internal.GrpcExporter");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (String logger : QUIETED_LOGGERS) {
			String key = "logging.level." + logger;
			if (!environment.containsProperty(key)) {
				defaults.put(key, "off");
			}
		}
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
