package dev.otelspring.autoconfigure.traceview;

import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.test.StartupFailures;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the trace view is configured, how it is served, and what stops startup.
 */
class TraceViewAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TraceViewAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class))
		.withPropertyValues("otel.traces.exporter=none");

	private final WebApplicationContextRunner enabled = this.runner
		.withPropertyValues("otel.spring.trace-view.enabled=true");

	@Test
	void isOffByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(TraceStore.class)
			.doesNotHaveBean(TraceViewSpanProcessor.class)
			.doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void holdsTheSpansOfTheApplicationsOpenTelemetryAndServesThemOnItsPort() {
		this.enabled.run((context) -> {
			assertThat(context).hasSingleBean(TraceStore.class)
				.hasSingleBean(RouterFunction.class)
				.doesNotHaveBean(TraceViewEndpoint.class);
			Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("work").startSpan();
			span.end();
			assertThat(context.getBean(TraceStore.class).traces()).singleElement()
				.satisfies((trace) -> assertThat(trace.root().getName()).isEqualTo("work"));
		});
	}

	@Test
	void isAnActuatorEndpointWhenThatIsExposed() {
		this.enabled.withPropertyValues("management.endpoints.web.exposure.include=traceview")
			.run((context) -> assertThat(context).hasSingleBean(TraceViewEndpoint.class)
				.doesNotHaveBean(RouterFunction.class));
		this.enabled.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceViewEndpoint.class)
				.hasSingleBean(RouterFunction.class));
	}

	@Test
	void isNotConfiguredOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TraceViewAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class))
			.withPropertyValues("otel.traces.exporter=none", "otel.spring.trace-view.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TraceStore.class));
	}

	@Test
	void backsOffOnTheUsersOpenTelemetryAndWhenTheSdkIsDisabled() {
		this.enabled.withBean(OpenTelemetry.class, OpenTelemetry::noop)
			.run((context) -> assertThat(context).doesNotHaveBean(TraceStore.class));
		this.enabled.withPropertyValues("otel.sdk.disabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceStore.class));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "otel.spring.trace-view.max-traces=0|otel.spring.trace-view.max-traces",
					"otel.spring.trace-view.max-bytes=1KB|otel.spring.trace-view.max-bytes",
					"otel.spring.trace-view.path=traces|otel.spring.trace-view.path",
					"otel.spring.trace-view.path=/traces/|otel.spring.trace-view.path",
					"otel.spring.trace-view.path=/|otel.spring.trace-view.path" })
	void badValuesStopStartupNamingTheKey(String property, String key) {
		this.enabled.withPropertyValues(property)
			.run((context) -> assertThat(StartupFailures.invalidProperty(context).getProperty()).isEqualTo(key));
	}

}
