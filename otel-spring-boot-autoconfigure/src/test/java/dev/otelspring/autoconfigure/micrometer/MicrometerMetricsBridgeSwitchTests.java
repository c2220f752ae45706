package dev.otelspring.autoconfigure.micrometer;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.test.StartupFailures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Micrometer bridge is off unless its key says {@code true}, as in the official
 * starter; {@code otel.instrumentation.common.default-enabled} does not turn it on.
 */
class MicrometerMetricsBridgeSwitchTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				MicrometerMetricsBridgeAutoConfiguration.class))
		.withPropertyValues("otel.traces.exporter=none", "otel.metrics.exporter=none", "otel.logs.exporter=none");

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("otelMeterRegistry"));
		this.runner.withPropertyValues("otel.instrumentation.common.default-enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean("otelMeterRegistry"));
	}

	@Test
	void withoutTheIncubatingApiStartupStopsSayingWhatToAdd() {
		this.runner.withPropertyValues("otel.instrumentation.micrometer.enabled=true")
			.withClassLoader(new FilteredClassLoader("io.opentelemetry.api.incubator"))
			.run((context) -> {
				InvalidOtelPropertyException failure = StartupFailures.invalidProperty(context);
				assertThat(failure.getProperty()).isEqualTo("otel.instrumentation.micrometer.enabled");
				assertThat(failure.getValidValues()).contains("io.opentelemetry:opentelemetry-api-incubator");
				assertThat(failure.getValue()).isEqualTo("true");
			});
	}

	@Test
	void onWithItsKey() {
		this.runner.withPropertyValues("otel.instrumentation.micrometer.enabled=true").run((context) -> {
			if (MicrometerMetricsBridgeTests.bridgeSupported()) {
				assertThat(context).hasBean("otelMeterRegistry");
			}
			else {
				// The versions Spring Boot pins predate what the bridge needs.
				assertThat(StartupFailures.invalidProperty(context).getValidValues())
					.contains("OpenTelemetry 1.65 or later");
			}
		});
	}

}
