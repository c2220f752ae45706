package dev.otelspring.autoconfigure.logging;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import io.opentelemetry.context.ContextStorage;
import org.slf4j.MDC;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of log correlation: {@code trace_id}, {@code span_id} and
 * {@code trace_flags} in the SLF4J MDC while a span is current. Switched off with
 * {@code otel.instrumentation.logback-mdc.enabled=false} (the official starter's key; it
 * covers Log4j2 through SLF4J too).
 */
@AutoConfiguration
@ConditionalOnClass({ MDC.class, ContextStorage.class })
@ConditionalOnEnabledInstrumentation("logback-mdc")
public final class LogCorrelationAutoConfiguration {

	@Bean
	static InitializingBean otelLogCorrelationInstaller() {
		return LogCorrelation::install;
	}

}
