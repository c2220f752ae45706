package dev.otelspring.autoconfigure.jdbc;

import javax.sql.DataSource;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.JdbcTracingSettings;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of database spans: every {@code DataSource} bean is traced, so each
 * JDBC statement run inside a trace is a CLIENT span named and attributed by the database
 * semantic conventions.
 *
 * <p>
 * Switched off with {@code otel.instrumentation.jdbc.enabled=false}; single data sources
 * are left out with {@code otel.spring.jdbc.excluded-data-sources}.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, DataSource.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation("jdbc")
public final class JdbcTracingAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	JdbcTracingSettings otelJdbcTracingSettings(Environment environment) {
		return JdbcTracingSettings.from(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcTracing otelJdbcTracing(OpenTelemetry openTelemetry, JdbcTracingSettings settings) {
		return new JdbcTracing(openTelemetry, settings);
	}

	@Bean
	static TracingDataSourcePostProcessor otelTracingDataSourcePostProcessor(ObjectProvider<JdbcTracing> tracing,
			ObjectProvider<JdbcTracingSettings> settings) {
		return new TracingDataSourcePostProcessor(tracing, settings);
	}

}
