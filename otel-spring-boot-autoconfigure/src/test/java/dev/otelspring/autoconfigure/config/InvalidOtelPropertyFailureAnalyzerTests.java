package dev.otelspring.autoconfigure.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidOtelPropertyFailureAnalyzerTests {

	@Test
	void reportNamesTheKeyTheValueTheVariableAndWhatIsValid() {
		InvalidOtelPropertyException failure = new InvalidOtelPropertyException("otel.traces.sampler", "sometimes",
				"always_on, always_off");
		FailureAnalysis analysis = new InvalidOtelPropertyFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription())
			.isEqualTo("OpenTelemetry tracing could not be configured: property 'otel.traces.sampler' has the invalid "
					+ "value 'sometimes'.");
		assertThat(analysis.getAction()).isEqualTo(
				"Set 'otel.traces.sampler' (environment variable OTEL_TRACES_SAMPLER) to a valid value: always_on, always_off.");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void reportIncludesTheUnderlyingReason() {
		InvalidOtelPropertyException failure = new InvalidOtelPropertyException("otel.exporter.otlp.certificate",
				"/etc/ca.pem", "the path of a readable PEM file", new java.nio.file.NoSuchFileException("/etc/ca.pem"));
		FailureAnalysis analysis = new InvalidOtelPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("Reason: /etc/ca.pem");
	}

}
