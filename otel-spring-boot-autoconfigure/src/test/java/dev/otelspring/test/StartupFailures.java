package dev.otelspring.test;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;

import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup failure of a context that a bad property value stopped.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * Asserts that the context failed to start because of a bad property value, and
	 * returns the exception that names it, however deep Spring wrapped it.
	 * @param context the context
	 * @return the exception naming the property
	 */
	public static InvalidOtelPropertyException invalidProperty(ApplicationContextAssertProvider<?> context) {
		Throwable failure = context.getStartupFailure();
		assertThat(failure).as("the context's startup failure").isNotNull();
		while (!(failure instanceof InvalidOtelPropertyException) && failure.getCause() != null) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(InvalidOtelPropertyException.class);
		return (InvalidOtelPropertyException) failure;
	}

}
