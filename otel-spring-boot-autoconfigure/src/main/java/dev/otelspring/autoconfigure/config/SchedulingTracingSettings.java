package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The {@code @Scheduled} instrumentation's settings. The switch itself,
 * {@code otel.instrumentation.spring-scheduling.enabled} (the official starter's key), is
 * a condition ({@link ConditionalOnEnabledInstrumentation}).
 *
 * @param excludedJobs jobs that get no span
 * ({@code otel.spring.scheduling.excluded-jobs}): each entry a class
 * ({@code CacheRefresher} or its fully qualified name), whose every scheduled method is
 * left alone, or a method ({@code CacheRefresher.refresh})
 */
public record SchedulingTracingSettings(List<String> excludedJobs) {

	/**
	 * Copies the list.
	 */
	public SchedulingTracingSettings {
		excludedJobs = List.copyOf(excludedJobs);
	}

	/**
	 * Reads the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static SchedulingTracingSettings from(Environment environment) {
		return new SchedulingTracingSettings(
				new OtelProperties(environment).getNames(OtelPropertyNames.SPRING_SCHEDULING + "excluded-jobs"));
	}

	/**
	 * Returns whether a scheduled method is excluded.
	 * @param className the fully qualified name of its class
	 * @param methodName the method's name
	 * @return whether it gets no span
	 */
	public boolean isExcluded(String className, String methodName) {
		String simpleName = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
		for (String job : this.excludedJobs) {
			if (job.equals(className) || job.equals(simpleName) || job.equals(className + "." + methodName)
					|| job.equals(simpleName + "." + methodName)) {
				return true;
			}
		}
		return false;
	}

}
