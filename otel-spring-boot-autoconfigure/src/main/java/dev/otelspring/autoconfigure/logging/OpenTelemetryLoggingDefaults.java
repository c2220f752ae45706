package dev.otelspring.autoconfigure.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quiets the W3C baggage parser, which logs a WARN with a stack trace for every malformed
 * {@code baggage} header a client sends (the header is ignored, as it should be), so that
 * hostile requests cannot flood the application's log. The logger keeps any level the
 * application sets for it. The SDK's exporter loggers are quieted only where this starter
 * reports export failures itself ({@code SdkExportLoggers} in the export statistics).
 */
final class OpenTelemetryLoggingDefaults implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The loggers quieted, with their level. */
	static final Map<String, String> QUIETED_LOGGERS = Map.of("io.opentelemetry.api.baggage.propagation.Parser", "off");

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
