package dev.otelspring.autoconfigure.config;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * Carrying the trace context across Spring-managed executors, under
 * {@code otel.spring.context-propagation}.
 *
 * @param enabled whether tasks submitted to Spring-managed executors (including @Async
 * methods) run with the submitting thread's trace context
 * @param excludedExecutors bean names of executors to leave alone
 */
@ConfigurationProperties("otel.spring.context-propagation")
public record ContextPropagationProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue Set<String> excludedExecutors) {

	/**
	 * Copies the set.
	 */
	public ContextPropagationProperties {
		excludedExecutors = (excludedExecutors != null)
				? excludedExecutors.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet())
				: Set.of();
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static ContextPropagationProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.CONTEXT_PROPAGATION,
				ContextPropagationProperties.class);
	}

}
