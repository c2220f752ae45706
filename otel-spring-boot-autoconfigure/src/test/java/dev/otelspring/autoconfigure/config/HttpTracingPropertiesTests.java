package dev.otelspring.autoconfigure.config;

import dev.otelspring.test.TestEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HttpTracingPropertiesTests {

	@Test
	void defaultsAreTheMethodsOfRfc9110AndPatch() {
		assertThat(HttpTracingProperties.from(TestEnvironment.of()).knownMethods()).containsExactly("CONNECT", "DELETE",
				"GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");
	}

	@Test
	void anEmptyListOfKnownMethodsStopsStartup() {
		InvalidOtelPropertyException failure = catchThrowableOfType(InvalidOtelPropertyException.class,
				() -> HttpTracingProperties.from(TestEnvironment.of("otel.instrumentation.http.known-methods", "")));
		assertThat(failure).isNotNull();
		assertThat(failure.getProperty()).isEqualTo("otel.instrumentation.http.known-methods");
	}

	@Test
	void blankEntriesAreDropped() {
		assertThat(
				HttpTracingProperties.from(TestEnvironment.of("otel.instrumentation.http.known-methods", "GET, ,POST"))
					.knownMethods())
			.containsExactly("GET", "POST");
	}

}
