package dev.otelspring.autoconfigure.context;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledFeature;
import dev.otelspring.autoconfigure.config.ContextPropagationProperties;
import dev.otelspring.autoconfigure.config.StarterFeature;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.context.Context;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that makes Spring-managed executors carry the trace context into
 * their tasks. Switched off with {@code otel.spring.context-propagation.enabled=false};
 * single executors are left alone by listing their bean names in
 * {@code otel.spring.context-propagation.excluded-executors}.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass(Context.class)
@ConditionalOnEnabledFeature(StarterFeature.CONTEXT_PROPAGATION)
public final class ContextPropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ContextPropagatingExecutorPostProcessor otelContextPropagatingExecutorPostProcessor(
			Environment environment) {
		// Bound here rather than injected: a post-processor is created before other
		// beans.
		return new ContextPropagatingExecutorPostProcessor(
				ContextPropagationProperties.from(environment).excludedExecutors());
	}

}
