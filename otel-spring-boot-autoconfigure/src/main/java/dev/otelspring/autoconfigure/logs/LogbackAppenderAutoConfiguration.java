package dev.otelspring.autoconfigure.logs;

import ch.qos.logback.classic.LoggerContext;
import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.LogAppenderSettings;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the Logback appender that exports log events as OpenTelemetry log
 * records through the application's {@link OpenTelemetry}:
 * {@code otel.instrumentation.logback-appender.enabled}, the official starter's switch.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, LoggerProvider.class, LoggerContext.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation(LogbackAppenderApplicationListener.INSTRUMENTATION)
public final class LogbackAppenderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LogbackAppenderInstaller otelLogbackAppenderInstaller(OpenTelemetry openTelemetry, Environment environment) {
		return new LogbackAppenderInstaller(openTelemetry, LogAppenderSettings.from(environment));
	}

}
