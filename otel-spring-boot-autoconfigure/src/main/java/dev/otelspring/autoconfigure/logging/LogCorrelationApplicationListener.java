package dev.otelspring.autoconfigure.logging;

import java.util.Map;

import dev.otelspring.autoconfigure.config.InstrumentationSwitches;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * As soon as the environment is ready, and before the logging system is initialized:
 * installs the trace-id MDC support and, unless the application set
 * {@code logging.pattern.correlation} itself, sets it so that Spring Boot's default log
 * pattern shows {@code [trace_id,span_id]} on every line. Switched off with
 * {@code otel.instrumentation.logback-mdc.enabled=false}.
 */
final class LogCorrelationApplicationListener
		implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String INSTRUMENTATION = "logback-mdc";

	static final String CORRELATION_PATTERN = "logging.pattern.correlation";

	static final String PATTERN = "[%X{trace_id:-},%X{span_id:-}] ";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!isAvailable(getClass().getClassLoader()) || !isEnabled(environment)) {
			return;
		}
		LogCorrelation.install();
		if (!environment.containsProperty(CORRELATION_PATTERN)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("otelLogCorrelation", Map.of(CORRELATION_PATTERN, PATTERN)));
		}
	}

	static boolean isAvailable(ClassLoader classLoader) {
		return ClassUtils.isPresent("org.slf4j.MDC", classLoader)
				&& ClassUtils.isPresent("io.opentelemetry.context.ContextStorage", classLoader);
	}

	static boolean isEnabled(ConfigurableEnvironment environment) {
		try {
			return InstrumentationSwitches.isEnabled(environment, INSTRUMENTATION);
		}
		catch (RuntimeException ex) {
			// The auto-configuration reports an invalid value with a clear message.
			return false;
		}
	}

	@Override
	public int getOrder() {
		// Before LoggingApplicationListener (HIGHEST_PRECEDENCE + 20) reads the patterns.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
