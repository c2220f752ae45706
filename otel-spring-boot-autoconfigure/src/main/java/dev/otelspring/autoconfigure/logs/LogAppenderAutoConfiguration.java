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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the log appenders that export log events as OpenTelemetry log
 * records through the application's {@link OpenTelemetry}: Logback's
 * ({@code otel.instrumentation.logback-appender.enabled}) and Log4j2's
 * ({@code otel.instrumentation.log4j-appender.enabled}), the official starter's switches.
 * The one of the logging system in use is attached; the other finds nothing to attach to.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, LoggerProvider.class })
@ConditionalOnBean(OpenTelemetry.class)
public final class LogAppenderAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LoggerContext.class)
	@ConditionalOnEnabledInstrumentation(LogAppenderApplicationListener.LOGBACK)
	static final class LogbackAppenderConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelLogbackAppenderInstaller")
		LogAppenderInstaller otelLogbackAppenderInstaller(OpenTelemetry openTelemetry, Environment environment) {
			return new LogAppenderInstaller(openTelemetry,
					LogAppenderSettings.from(environment, LogAppenderApplicationListener.LOGBACK),
					LogbackAppenders.INSTANCE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.logging.log4j.core.LoggerContext")
	@ConditionalOnEnabledInstrumentation(LogAppenderApplicationListener.LOG4J2)
	static final class Log4j2AppenderConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelLog4j2AppenderInstaller")
		LogAppenderInstaller otelLog4j2AppenderInstaller(OpenTelemetry openTelemetry, Environment environment) {
			return new LogAppenderInstaller(openTelemetry,
					LogAppenderSettings.from(environment, LogAppenderApplicationListener.LOG4J2),
					Log4j2Appenders.INSTANCE);
		}

	}

}
