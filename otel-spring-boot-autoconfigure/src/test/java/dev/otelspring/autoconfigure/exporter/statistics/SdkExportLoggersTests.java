package dev.otelspring.autoconfigure.exporter.statistics;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's per-export loggers are quieted only where the export statistics report the
 * same events, so a failing export is never silent.
 */
class SdkExportLoggersTests {

	private static final String EXPORTER_LOGGER = "io.opentelemetry.exporter.internal.http.HttpExporter";

	private static final String PROCESSOR_LOGGER = "io.opentelemetry.sdk.trace.export.BatchSpanProcessor";

	private ConfigurableApplicationContext context;

	@BeforeEach
	@AfterEach
	void reset() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.setLogLevel(EXPORTER_LOGGER, null);
		loggingSystem.setLogLevel(PROCESSOR_LOGGER, null);
	}

	@Test
	void quietWhereTheStarterReportsExportFailures() {
		this.context = start(StarterApp.class);
		assertThat(configuredLevel(EXPORTER_LOGGER)).isEqualTo(LogLevel.OFF);
		assertThat(configuredLevel(PROCESSOR_LOGGER)).isEqualTo(LogLevel.ERROR);
	}

	@Test
	void leftAloneWithTheApplicationsOwnBatchProcessor() {
		this.context = start(OwnBatchProcessorApp.class);
		assertThat(this.context.getBeansOfType(SpanExportStatistics.class)).hasSize(1);
		assertThat(configuredLevel(EXPORTER_LOGGER)).isNotEqualTo(LogLevel.OFF);
		assertThat(configuredLevel(PROCESSOR_LOGGER)).isNotEqualTo(LogLevel.ERROR);
	}

	@Test
	void theApplicationsLevelWins() {
		this.context = start(StarterApp.class, "logging.level." + EXPORTER_LOGGER + "=warn");
		assertThat(configuredLevel(EXPORTER_LOGGER)).isEqualTo(LogLevel.WARN);
	}

	private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("otel.exporter.otlp.endpoint=http://127.0.0.1:1",
					"otel.instrumentation.logback-mdc.enabled=false")
			.properties(properties)
			.run();
	}

	private LogLevel configuredLevel(String logger) {
		LoggerConfiguration configuration = LoggingSystem.get(getClass().getClassLoader())
			.getLoggerConfiguration(logger);
		return (configuration != null) ? configuration.getConfiguredLevel() : null;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StarterApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OwnBatchProcessorApp {

		@Bean(destroyMethod = "shutdown")
		BatchSpanProcessor batchSpanProcessor() {
			return BatchSpanProcessor.builder(SpanExporter.composite()).build();
		}

	}

}
