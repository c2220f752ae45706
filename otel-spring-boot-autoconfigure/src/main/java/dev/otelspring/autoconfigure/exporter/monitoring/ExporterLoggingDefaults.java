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
 * Quiets the SDK's OTLP exporters, which log each failed export (throttled, but still many lines
 * while a collector is down). {@link SpanExportStatistics} reports the same failures as one WARN line
 * when exporting starts failing and one INFO line when it recovers, and counts every lost span. Each
 * logger keeps any level the application sets for it.
 */
public final class ExporterLoggingDefaults implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The SDK's exporter loggers: their names moved between SDK versions. */
	static final List<String> EXPORTER_LOGGERS = List.of("io.opentelemetry.exporter.internal.http.HttpExporter",
			"io.opentelemetry.exporter.internal.grpc.GrpcExporter", "io.opentelemetry.exporter.otlp.internal.HttpExporter",
			"io.opentelemetry.exporter.otlp.internal.GrpcExporter");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (String logger : EXPORTER_LOGGERS) {
			String key = "logging.level." + logger;
			if (!environment.containsProperty(key)) {
				defaults.put(key, "off");
			}
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("otelExporterLogging", defaults));
		}
	}

	@Override
	public int getOrder() {
		// Before LoggingApplicationListener (HIGHEST_PRECEDENCE + 20) applies the levels.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
