package dev.otelspring.autoconfigure.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidOtelPropertyException} into a startup report that names the
 * property, the rejected value and the values that are valid.
 */
class InvalidOtelPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOtelPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidOtelPropertyException cause) {
		StringBuilder description = new StringBuilder();
		description.append("OpenTelemetry tracing could not be configured: property '")
			.append(cause.getProperty())
			.append("' has the invalid value '")
			.append(cause.getValue())
			.append("'.");
		if (cause.getCause() != null && cause.getCause().getMessage() != null) {
			description.append(System.lineSeparator()).append("Reason: ").append(cause.getCause().getMessage());
		}
		String action = "Set '" + cause.getProperty() + "' (environment variable "
				+ OtelPropertyNames.toEnvironmentVariable(cause.getProperty()) + ") to a valid value: "
				+ cause.getValidValues() + ".";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
