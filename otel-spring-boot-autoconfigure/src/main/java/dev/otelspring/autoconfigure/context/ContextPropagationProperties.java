package dev.otelspring.autoconfigure.context;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for carrying the trace context across Spring-managed executors, under
 * {@code otel.spring.context-propagation}.
 */
@ConfigurationProperties("otel.spring.context-propagation")
public class ContextPropagationProperties {

	/**
	 * Whether tasks submitted to Spring-managed executors (including @Async methods) run with the
	 * submitting thread's trace context.
	 */
	private boolean enabled = true;

	/**
	 * Bean names of executors to leave alone.
	 */
	private Set<String> excludedExecutors = new LinkedHashSet<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Set<String> getExcludedExecutors() {
		return this.excludedExecutors;
	}

	public void setExcludedExecutors(Set<String> excludedExecutors) {
		this.excludedExecutors = excludedExecutors;
	}

}
