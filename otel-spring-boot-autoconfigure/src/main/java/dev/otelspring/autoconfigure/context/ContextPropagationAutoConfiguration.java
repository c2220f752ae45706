package dev.otelspring.autoconfigure.context;

import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.context.Context;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that makes Spring-managed executors carry the trace context into their tasks.
 * Switched off with {@code otel.spring.context-propagation.enabled=false}; single executors are left
 * alone by listing their bean names in {@code otel.spring.context-propagation.excluded-executors}.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass(Context.class)
@ConditionalOnProperty(name = "otel.spring.context-propagation.enabled", matchIfMissing = true)
public final class ContextPropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ContextPropagatingExecutorPostProcessor otelContextPropagatingExecutorPostProcessor(
			Environment environment) {
		ContextPropagationProperties properties = Binder.get(environment)
			.bindOrCreate("otel.spring.context-propagation", ContextPropagationProperties.class);
		return new ContextPropagatingExecutorPostProcessor(properties.getExcludedExecutors());
	}

}
