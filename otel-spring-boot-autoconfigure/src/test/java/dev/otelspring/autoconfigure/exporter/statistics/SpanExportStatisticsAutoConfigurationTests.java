package dev.otelspring.autoconfigure.exporter.statistics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.otelspring.autoconfigure.sdk.BatchSpanProcessorBuilderCustomizer;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.SdkShutdownListener;
import dev.otelspring.autoconfigure.sdk.SpanExporterDecorator;
import dev.otelspring.test.TestSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class SpanExportStatisticsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpanExportStatisticsAutoConfiguration.class));

	/** With the SDK, exporting to a user exporter bean only. */
	private final ApplicationContextRunner sdk = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpanExportStatisticsAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class))
		.withPropertyValues("otel.bsp.schedule.delay=10ms");

	@Test
	void suppliesStatisticsDecoratorDropCountingAndLossReport() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SpanExportStatistics.class)
			.hasBean("otelSpanExportStatistics")
			.hasSingleBean(SpanExporterDecorator.class)
			.hasBean("otelSpanExportCounting")
			.hasSingleBean(BatchSpanProcessorBuilderCustomizer.class)
			.hasBean("otelSpanDropCounting")
			.hasSingleBean(SdkShutdownListener.class)
			.hasBean("otelSpanLossReport"));
	}

	@Test
	void backsOffOnTheUsersStatisticsAndCountsInThem() {
		SpanExportStatistics mine = new SpanExportStatistics();
		this.runner.withBean(SpanExportStatistics.class, () -> mine).run((context) -> {
			assertThat(context).getBean(SpanExportStatistics.class).isSameAs(mine);
			InMemorySpanExporter delegate = InMemorySpanExporter.create();
			SpanExporter decorated = context.getBean(SpanExporterDecorator.class).decorate(delegate);
			assertThat(decorated.export(List.of(TestSpans.ended(), TestSpans.ended())).isSuccess()).isTrue();
			assertThat(mine.getExported()).isEqualTo(2);
			assertThat(delegate.getFinishedSpanItems()).hasSize(2);
		});
	}

	@Test
	void backsOffOnTheUsersOpenTelemetry() {
		this.runner.withBean(OpenTelemetry.class, OpenTelemetry::noop)
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExportStatistics.class)
				.doesNotHaveBean(SpanExporterDecorator.class)
				.doesNotHaveBean(SdkShutdownListener.class));
	}

	@Test
	void absentClassNoStatistics() {
		this.runner.withClassLoader(new FilteredClassLoader(SpanExporter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExportStatistics.class));
		this.runner.withClassLoader(new FilteredClassLoader(OpenTelemetry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExportStatistics.class));
	}

	@ParameterizedTest
	@CsvSource({ "otel.sdk.disabled=true,false", "otel.sdk.disabled=false,true", "otel.traces.exporter=none,true" })
	void switches(String property, boolean statistics) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context.getBeansOfType(SpanExportStatistics.class)).hasSize(statistics ? 1 : 0);
			assertThat(context.getBeansOfType(SpanExporterDecorator.class)).hasSize(statistics ? 1 : 0);
			assertThat(context.getBeansOfType(BatchSpanProcessorBuilderCustomizer.class)).hasSize(statistics ? 1 : 0);
			assertThat(context.getBeansOfType(SdkShutdownListener.class)).hasSize(statistics ? 1 : 0);
		});
	}

	@Test
	void theDecoratorCountsFailedExports() {
		this.runner.run((context) -> {
			SpanExporter decorated = context.getBean(SpanExporterDecorator.class).decorate(TestSpans.failingExporter());
			decorated.export(List.of(TestSpans.ended(), TestSpans.ended(), TestSpans.ended()));
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			assertThat(statistics.getFailed()).isEqualTo(3);
			assertThat(statistics.getExported()).isZero();
			assertThat(statistics.getConsecutiveFailures()).isEqualTo(1);
		});
	}

	@Test
	void countsAnExportThroughTheDecoratedExporter() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		this.sdk.withPropertyValues("otel.traces.exporter=none")
			.withBean(SpanExporter.class, () -> exporter)
			.run((context) -> {
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				tracer.spanBuilder("first").startSpan().end();
				tracer.spanBuilder("second").startSpan().end();
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> statistics.getExported() == 2);
				assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
					.containsExactlyInAnyOrder("first", "second");
				assertThat(statistics.getFailed()).isZero();
				assertThat(context.getBean(BatchSpanProcessor.class).toString()).contains("MonitoredSpanExporter");
			});
	}

	@Test
	void spansDroppedFromAFullQueueAreCounted() throws InterruptedException {
		SpanExportStatistics statistics = new SpanExportStatistics();
		Blocking blocking = new Blocking();
		BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(blocking)
			.setMaxQueueSize(1)
			.setMaxExportBatchSize(1)
			.setScheduleDelay(Duration.ofMillis(1));
		this.runner.withBean(SpanExportStatistics.class, () -> statistics)
			.run((context) -> context.getBean(BatchSpanProcessorBuilderCustomizer.class).customize(builder));
		try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(builder.build()).build()) {
			try {
				Tracer tracer = provider.get("test");
				tracer.spanBuilder("first").startSpan().end();
				assertThat(blocking.exporting.await(5, TimeUnit.SECONDS)).isTrue();
				// The exporter holds the first span and the queue one more: the rest are
				// dropped.
				for (int i = 0; i < 10; i++) {
					tracer.spanBuilder("more").startSpan().end();
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> statistics.getDropped() == 9);
				assertThat(statistics.getFailed()).isZero();
			}
			finally {
				blocking.release.countDown();
			}
		}
	}

	@Test
	void lostSpansAreReportedAtShutdown(CapturedOutput output) {
		this.sdk.withPropertyValues("otel.traces.exporter=none")
			.withBean(SpanExporter.class, TestSpans::failingExporter)
			.run((context) -> {
				context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("lost").startSpan().end();
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> statistics.getFailed() == 1);
				context.close();
				assertThat(output).contains("OpenTelemetry shut down; 1 span(s) were lost while the application ran")
					.contains("1 failed to export, 0 dropped from a full queue); 0 were exported");
			});
	}

	@Test
	void nothingIsReportedAtShutdownWhenNothingWasLost(CapturedOutput output) {
		this.runner.run((context) -> {
			context.getBean(SdkShutdownListener.class).onShutdown(true);
			assertThat(output).doesNotContain("span(s) were lost");
		});
	}

	static final class Blocking implements SpanExporter {

		final CountDownLatch exporting = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exporting.countDown();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
