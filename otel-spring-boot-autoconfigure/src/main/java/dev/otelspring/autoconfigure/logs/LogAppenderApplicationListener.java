package dev.otelspring.autoconfigure.logs;

import dev.otelspring.autoconfigure.config.InstrumentationSwitches;
import dev.otelspring.autoconfigure.config.LogsSettings;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Attaches the log appender of the logging system in use (Logback or Log4j2) as soon as
 * Spring Boot has set it up, holding the events until the SDK is ready, so that the
 * application's first lines are exported too; and lets them go if the application fails
 * to start. Only with the OpenTelemetry logs API, the appender's switch
 * ({@code otel.instrumentation.logback-appender.enabled},
 * {@code otel.instrumentation.log4j-appender.enabled}) not {@code false} and a logs
 * exporter configured.
 */
final class LogAppenderApplicationListener implements ApplicationListener<SpringApplicationEvent>, Ordered {

	static final String LOGBACK = "logback-appender";

	static final String LOG4J2 = "log4j-appender";

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent("io.opentelemetry.api.logs.LoggerProvider", classLoader)) {
			return;
		}
		if (ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", classLoader)) {
			onApplicationEvent(event, LOGBACK, LogbackAppenders.INSTANCE);
		}
		if (ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", classLoader)) {
			onApplicationEvent(event, LOG4J2, Log4j2Appenders.INSTANCE);
		}
	}

	private static void onApplicationEvent(SpringApplicationEvent event, String instrumentation,
			LogAppenders appenders) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared
				&& isEnabled(prepared.getEnvironment(), instrumentation)) {
			appenders.startBuffering();
		}
		else if (event instanceof ApplicationFailedEvent) {
			appenders.stopBuffering();
		}
	}

	static boolean isEnabled(ConfigurableEnvironment environment, String instrumentation) {
		try {
			return InstrumentationSwitches.isEnabled(environment, instrumentation)
					&& LogsSettings.isExportEnabled(environment);
		}
		catch (RuntimeException ex) {
			// The auto-configuration reports an invalid value with a clear message.
			return false;
		}
	}

	@Override
	public int getOrder() {
		// After LoggingApplicationListener (HIGHEST_PRECEDENCE + 20) has set logging up.
		return Ordered.HIGHEST_PRECEDENCE + 21;
	}

}
