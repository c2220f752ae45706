package dev.otelspring.autoconfigure.config;

import dev.otelspring.test.TestEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Values that would make the exporter misbehave stop startup, and the report never
 * carries a credential.
 */
class OtlpExporterSettingsTests {

	@Test
	void aZeroTimeoutStopsStartupRatherThanMeaningNoTimeout() {
		InvalidOtelPropertyException failure = failure(TestEnvironment.of("otel.exporter.otlp.timeout", "0"));
		assertThat(failure.getProperty()).isEqualTo("otel.exporter.otlp.timeout");
		assertThat(failure.getValidValues()).contains("positive duration");
	}

	@Test
	void anEndpointWithUserInfoIsReportedWithoutIt() {
		InvalidOtelPropertyException failure = failure(
				TestEnvironment.of("otel.exporter.otlp.endpoint", "https://user:APIKEY@collector.example.com:4318"));
		assertThat(failure.getProperty()).isEqualTo("otel.exporter.otlp.endpoint");
		assertThat(failure.getValue()).isEqualTo("https://****@collector.example.com:4318");
		assertThat(report(failure)).doesNotContain("APIKEY").doesNotContain("user:");
	}

	@Test
	void aStrayPercentInTheHeadersIsReportedWithoutTheValue() {
		InvalidOtelPropertyException failure = failure(
				TestEnvironment.of("otel.exporter.otlp.headers", "api-key=s3cr3t%zzSECRET"));
		assertThat(failure.getProperty()).isEqualTo("otel.exporter.otlp.headers");
		assertThat(report(failure)).doesNotContain("s3cr3t").doesNotContain("SECRET").contains("%25");
	}

	private static InvalidOtelPropertyException failure(StandardEnvironment environment) {
		InvalidOtelPropertyException failure = catchThrowableOfType(InvalidOtelPropertyException.class,
				() -> OtlpExporterSettings.from(environment));
		assertThat(failure).isNotNull();
		return failure;
	}

	private static String report(InvalidOtelPropertyException failure) {
		FailureAnalysis analysis = new InvalidOtelPropertyFailureAnalyzer().analyze(failure);
		StringBuilder text = new StringBuilder(analysis.getDescription()).append(analysis.getAction());
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			text.append(cause.getMessage());
		}
		return text.toString();
	}

}
