package dev.otelspring.autoconfigure.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.exporter.OtlpMetricExporterAutoConfiguration;
import dev.otelspring.autoconfigure.exporter.OtlpSpanExporterAutoConfiguration;
import dev.otelspring.autoconfigure.exporter.console.ConsoleMetricExporter;
import dev.otelspring.autoconfigure.exporter.console.ConsoleMetricExporterAutoConfiguration;
import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatisticsAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.test.OtlpGrpcReceiver;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedMetric;
import dev.otelspring.test.StartupFailures;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meter provider from the standard keys, exporting to real OTLP receivers over HTTP
 * and gRPC, through an outage, to the console, or not at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricsExportIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class,
				OtlpMetricExporterAutoConfiguration.class, ConsoleMetricExporterAutoConfiguration.class,
				SpanExportStatisticsAutoConfiguration.class, OpenTelemetryMetricsAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class))
		.withPropertyValues("otel.service.name=orders", "otel.metric.export.interval=200ms");

	@Test
	void exportsOverGrpcWithTheSameResourceAsTraces() throws Exception {
		try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start()) {
			this.runner.withPropertyValues("otel.exporter.otlp.protocol=grpc",
					"otel.exporter.otlp.endpoint=" + receiver.endpoint(), "otel.exporter.otlp.headers=api-key=secret-1")
				.run((context) -> {
					count(context.getBean(OpenTelemetry.class), "orders.placed", 3);
					ReceivedMetric metric = receiver.awaitMetric("orders.placed", (received) -> sum(received) == 3);
					assertThat(metric.resource()).containsEntry("service.name", "orders");
					assertThat(receiver.metricRequests().get(0).headers()).containsEntry("api-key", "secret-1");
				});
		}
	}

	@Test
	void signalSpecificKeysWinForMetrics() throws Exception {
		try (OtlpHttpReceiver traces = OtlpHttpReceiver.start(); OtlpGrpcReceiver metrics = OtlpGrpcReceiver.start()) {
			this.runner
				.withPropertyValues("otel.exporter.otlp.endpoint=" + traces.endpoint(),
						"otel.exporter.otlp.metrics.protocol=grpc",
						"otel.exporter.otlp.metrics.endpoint=" + metrics.endpoint(),
						"otel.exporter.otlp.metrics.temporality.preference=delta")
				.run((context) -> {
					count(context.getBean(OpenTelemetry.class), "orders.placed", 2);
					ReceivedMetric metric = metrics.awaitMetric("orders.placed");
					assertThat(metric.metric().getSum().getAggregationTemporality().name())
						.isEqualTo("AGGREGATION_TEMPORALITY_DELTA");
					assertThat(traces.metricAttempts()).isZero();
				});
		}
	}

	@Test
	void anOutageCostsTheCollectionsItSpansAndIsReportedOnce(CapturedOutput output) {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			receiver.setMode(OtlpHttpReceiver.Mode.DOWN);
			this.runner.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint()).run((context) -> {
				LongCounter counter = context.getBean(OpenTelemetry.class)
					.getMeter("test")
					.counterBuilder("orders.placed")
					.build();
				counter.add(1);
				await().atMost(Duration.ofSeconds(20))
					.until(() -> output.getOut().contains("Metric export is failing"));
				// Further failed collections are counted, not logged.
				await().during(Duration.ofSeconds(1))
					.atMost(Duration.ofSeconds(5))
					.until(() -> output.getOut().split("Metric export is failing", -1).length == 2);
				counter.add(4);
				receiver.setMode(OtlpHttpReceiver.Mode.OK);
				ReceivedMetric metric = receiver.awaitMetric("orders.placed", (received) -> sum(received) == 5);
				assertThat(metric).isNotNull();
				await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("Metric export recovered"));
			});
		}
	}

	@Test
	void consolePrintsEachCollection(CapturedOutput output) {
		this.runner.withPropertyValues("otel.metrics.exporter=console", "otel.traces.exporter=none").run((context) -> {
			assertThat(context).hasSingleBean(ConsoleMetricExporter.class);
			count(context.getBean(OpenTelemetry.class), "orders.placed", 7);
			await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("orders.placed 7"));
		});
	}

	@Test
	void noneMeansNoMeterProviderAndNoopInstruments() {
		this.runner.withPropertyValues("otel.metrics.exporter=none").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SdkMeterProvider.class);
			assertThat(context.getBean(OpenTelemetry.class).getMeter("x"))
				.isSameAs(io.opentelemetry.api.metrics.MeterProvider.noop().get("x"));
		});
	}

	@Test
	void theApplicationsReaderIsReadAndItsMeterProviderWins() {
		this.runner.withPropertyValues("otel.metrics.exporter=none")
			.withUserConfiguration(InMemoryReaderConfiguration.class)
			.run((context) -> {
				count(context.getBean(OpenTelemetry.class), "orders.placed", 2);
				InMemoryMetricReader reader = context.getBean(InMemoryMetricReader.class);
				assertThat(reader.collectAllMetrics()).anyMatch((data) -> data.getName().equals("orders.placed"));
			});
		this.runner.withUserConfiguration(OwnMeterProviderConfiguration.class)
			.run((context) -> assertThat(context).getBean(SdkMeterProvider.class)
				.isSameAs(context.getBean(OwnMeterProviderConfiguration.class).provider));
	}

	@ParameterizedTest
	@CsvSource({ "otel.metrics.exporter, prometheus", "otel.metrics.exporter, 'otlp,none'",
			"otel.metric.export.interval, 0", "otel.metric.export.interval, soon",
			"otel.metrics.exemplar.filter, sometimes", "otel.java.metrics.cardinality.limit, 0",
			"otel.exporter.otlp.metrics.temporality.preference, weekly",
			"otel.exporter.otlp.metrics.default.histogram.aggregation, exponential",
			"otel.exporter.otlp.metrics.protocol, http/json", "otel.exporter.otlp.metrics.endpoint, localhost:4318" })
	void badValuesStopStartupNamingTheKey(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			InvalidOtelPropertyException failure = StartupFailures.invalidProperty(context);
			assertThat(failure.getProperty()).isEqualTo(key);
		});
	}

	@ParameterizedTest
	@CsvSource({ "always_on", "always_off", "trace_based" })
	void everyExemplarFilterStarts(String filter) {
		this.runner.withPropertyValues("otel.metrics.exemplar.filter=" + filter, "otel.metrics.exporter=none")
			.withUserConfiguration(InMemoryReaderConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SdkMeterProvider.class));
	}

	private static void count(OpenTelemetry openTelemetry, String name, long value) {
		openTelemetry.getMeter("test").counterBuilder(name).build().add(value);
	}

	private static long sum(ReceivedMetric metric) {
		List<Long> values = new ArrayList<>();
		metric.metric().getSum().getDataPointsList().forEach((point) -> values.add(point.getAsInt()));
		return values.stream().mapToLong(Long::longValue).sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryReaderConfiguration {

		@Bean
		InMemoryMetricReader inMemoryMetricReader() {
			return InMemoryMetricReader.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMeterProviderConfiguration {

		final SdkMeterProvider provider = SdkMeterProvider.builder().build();

		@Bean
		SdkMeterProvider ownMeterProvider() {
			return this.provider;
		}

	}

}
