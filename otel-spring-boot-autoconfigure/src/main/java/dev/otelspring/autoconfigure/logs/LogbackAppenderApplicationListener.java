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
 * Attaches the {@link OpenTelemetryLogbackAppender} as soon as Spring Boot has set up
 * Logback, holding the events until the SDK is ready, so that the application's first
 * lines are exported too; and lets them go if the application fails to start. Only with
 * Logback, the OpenTelemetry logs API,
 * {@code otel.instrumentation.logback-appender.enabled} not {@code false} and a logs
 * exporter configured.
 */
final class LogbackAppenderApplicationListener implements ApplicationListener<SpringApplicationEvent>, Ordered {

	static final String INSTRUMENTATION = "logback-appender";

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (!isAvailable(getClass().getClassLoader())) {
			return;
		}
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared && isEnabled(prepared.getEnvironment())) {
			LogbackAppenders.startBuffering();
		}
		else if (event instanceof ApplicationFailedEvent) {
			LogbackAppenders.stopBuffering();
		}
	}

	static boolean isAvailable(ClassLoader classLoader) {
		return ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", classLoader)
				&& ClassUtils.isPresent("io.opentelemetry.api.logs.LoggerProvider", classLoader);
	}

	static boolean isEnabled(ConfigurableEnvironment environment) {
		try {
			return InstrumentationSwitches.isEnabled(environment, INSTRUMENTATION)
					&& LogsSettings.isExportEnabled(environment);
		}
		catch (RuntimeException ex) {
			// The auto-configuration reports an invalid value with a clear message.
			return false;
		}
	}

	@Override
	public int getOrder() {
		// After LoggingApplicationListener (HIGHEST_PRECEDENCE + 20) has set Logback up.
		return Ordered.HIGHEST_PRECEDENCE + 21;
	}

}
