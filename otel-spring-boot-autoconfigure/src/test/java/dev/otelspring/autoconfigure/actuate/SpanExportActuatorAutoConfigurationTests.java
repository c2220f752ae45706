package dev.otelspring.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.config.ExportHealthProperties;
import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatisticsAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.SpanExporterDecorator;
import dev.otelspring.test.TestSpans;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SpanExportActuatorAutoConfigurationTests {

	private static final String HEALTH_INDICATOR = "otelSpanExportHealthIndicator";

	private static final String METER_BINDER = "otelSpanExportMeterBinder";

	private static final String SANITIZING_FUNCTION = "otelExporterSanitizingFunction";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(SpanExportStatisticsAutoConfiguration.class, SpanExportActuatorAutoConfiguration.class));

	@Test
	void suppliesHealthIndicatorMeterBinderAndSanitizingFunction() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ExportHealthProperties.class)
				.hasSingleBean(HealthIndicator.class)
				.hasBean(HEALTH_INDICATOR)
				.hasSingleBean(MeterBinder.class)
				.hasBean(METER_BINDER)
				.hasSingleBean(SanitizingFunction.class)
				.hasBean(SANITIZING_FUNCTION);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("exported", 0L)
				.containsEntry("failed", 0L)
				.containsEntry("dropped", 0L)
				.containsEntry("consecutiveFailures", 0L)
				.doesNotContainKey("lastError");
		});
	}

	@Test
	void healthFollowsTheExportsOutcome() {
		this.runner.run((context) -> {
			SpanExporter failing = decorate(context, TestSpans.failingExporter());
			failing.export(List.of(TestSpans.ended()));
			failing.export(List.of(TestSpans.ended()));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			failing.export(List.of(TestSpans.ended()));
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(new Status("DEGRADED"));
			assertThat(health.getDetails()).containsEntry("failed", 3L)
				.containsEntry("consecutiveFailures", 3L)
				.containsKeys("lastError", "lastErrorTime");
			decorate(context, InMemorySpanExporter.create()).export(List.of(TestSpans.ended()));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			assertThat(health(context).getDetails()).containsEntry("exported", 1L).containsKey("lastSuccess");
		});
		this.runner
			.withPropertyValues("otel.spring.export.health.failure-threshold=1",
					"otel.spring.export.health.failing-status=DOWN")
			.run((context) -> {
				decorate(context, TestSpans.failingExporter()).export(List.of(TestSpans.ended()));
				assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@ParameterizedTest
	@CsvSource({ "otel.spring.export.health.enabled=true,true", "otel.spring.export.health.enabled=false,false",
			"otel.spring.export.health.failure-threshold=5,true" })
	void healthSwitch(String property, boolean health) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context.containsBean(HEALTH_INDICATOR)).isEqualTo(health);
			assertThat(context.getBeansOfType(ExportHealthProperties.class)).hasSize(health ? 1 : 0);
			// The meters and the masking do not depend on the health switch.
			assertThat(context).hasBean(METER_BINDER).hasBean(SANITIZING_FUNCTION);
		});
	}

	@Test
	void withoutStatisticsOnlyTheMaskingRemains() {
		this.runner.withPropertyValues("otel.sdk.disabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(HEALTH_INDICATOR)
				.doesNotHaveBean(METER_BINDER)
				.doesNotHaveBean(ExportHealthProperties.class)
				.hasBean(SANITIZING_FUNCTION));
		this.runner.withBean(OpenTelemetry.class, OpenTelemetry::noop)
			.run((context) -> assertThat(context).doesNotHaveBean(HEALTH_INDICATOR).doesNotHaveBean(METER_BINDER));
	}

	@Test
	void backsOffOnTheUsersBeans() {
		HealthIndicator health = () -> Health.up().build();
		MeterBinder binder = (registry) -> {
		};
		SanitizingFunction sanitizing = (data) -> data;
		this.runner.withBean(HEALTH_INDICATOR, HealthIndicator.class, () -> health)
			.withBean(METER_BINDER, MeterBinder.class, () -> binder)
			.withBean(SANITIZING_FUNCTION, SanitizingFunction.class, () -> sanitizing)
			.run((context) -> {
				assertThat(context.getBean(HEALTH_INDICATOR)).isSameAs(health);
				assertThat(context.getBean(METER_BINDER)).isSameAs(binder);
				assertThat(context.getBean(SANITIZING_FUNCTION)).isSameAs(sanitizing);
			});
	}

	@Test
	void backsOffOnTheUsersHealthProperties() {
		this.runner.withBean(ExportHealthProperties.class, () -> new ExportHealthProperties(true, 1, "DOWN"))
			.run((context) -> {
				decorate(context, TestSpans.failingExporter()).export(List.of(TestSpans.ended()));
				assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@ParameterizedTest
	@ValueSource(classes = { HealthIndicator.class, SanitizingFunction.class, MeterRegistry.class })
	void absentClassNoBean(Class<?> absent) {
		this.runner.withClassLoader(new FilteredClassLoader(absent)).run((context) -> {
			assertThat(context.containsBean(HEALTH_INDICATOR)).isEqualTo(absent != HealthIndicator.class);
			assertThat(context.containsBean(SANITIZING_FUNCTION)).isEqualTo(absent != SanitizingFunction.class);
			assertThat(context.containsBean(METER_BINDER)).isEqualTo(absent != MeterRegistry.class);
		});
	}

	@Test
	void meterBinderPublishesTheCountsByOutcome() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MeterBinder.class).bindTo(registry);
			decorate(context, InMemorySpanExporter.create()).export(List.of(TestSpans.ended(), TestSpans.ended()));
			decorate(context, TestSpans.failingExporter()).export(List.of(TestSpans.ended()));
			assertThat(count(registry, "exported")).isEqualTo(2.0);
			assertThat(count(registry, "failed")).isEqualTo(1.0);
			assertThat(count(registry, "dropped")).isZero();
		});
	}

	@ParameterizedTest
	@CsvSource({ "otel.exporter.otlp.headers,true", "otel.exporter.otlp.traces.headers,true",
			"OTEL_EXPORTER_OTLP_HEADERS,true", "otel.exporter.otlp.headers.api-key,true",
			"otel.exporter.otlp.client.key,true", "otel.exporter.otlp.endpoint,false", "otel.service.name,false" })
	void sanitizingFunctionMasksExporterSecrets(String key, boolean masked) {
		this.runner.run((context) -> {
			SanitizingFunction function = context.getBean(SANITIZING_FUNCTION, SanitizingFunction.class);
			SanitizableData data = new SanitizableData(new MapPropertySource("test", Map.of()), key, "api-key=s3cr3t");
			assertThat(function.apply(data).getValue()).isEqualTo(masked ? "******" : "api-key=s3cr3t");
		});
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(HEALTH_INDICATOR, HealthIndicator.class).health();
	}

	private static SpanExporter decorate(AssertableApplicationContext context, SpanExporter exporter) {
		return context.getBean(SpanExporterDecorator.class).decorate(exporter);
	}

	private static double count(SimpleMeterRegistry registry, String outcome) {
		FunctionCounter counter = registry.get("otel.spring.export.spans").tag("outcome", outcome).functionCounter();
		assertThat(counter.getId().getBaseUnit()).isEqualTo("spans");
		return counter.count();
	}

}
