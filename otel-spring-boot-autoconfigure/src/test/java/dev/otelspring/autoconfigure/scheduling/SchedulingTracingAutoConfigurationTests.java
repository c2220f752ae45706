package dev.otelspring.autoconfigure.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.semconv.CodeAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.PeriodicTrigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each {@code @Scheduled} run is the root span of its own trace, with the job's own spans
 * under it; a failing run is marked and the scheduler carries on; excluded jobs and the
 * switch.
 */
class SchedulingTracingAutoConfigurationTests {

	private InMemorySpanExporter exporter;

	private ApplicationContextRunner runner() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		this.exporter = exporter;
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					SchedulingTracingAutoConfiguration.class))
			.withPropertyValues("otel.traces.exporter=none", "otel.bsp.schedule.delay=10ms")
			.withBean(SpanExporter.class, () -> exporter)
			.withUserConfiguration(Jobs.class);
	}

	@Test
	void eachRunIsARootSpanWithTheJobsWorkUnderIt() {
		runner().run((context) -> {
			Jobs.Reporter reporter = context.getBean(Jobs.Reporter.class);
			assertThat(AopUtils.isAopProxy(reporter)).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> named("Reporter.report").size() >= 2);
			SpanData run = named("Reporter.report").get(0);
			assertThat(run.getParentSpanContext().isValid()).isFalse();
			assertThat(run.getAttributes().get(CodeAttributes.CODE_FUNCTION_NAME))
				.isEqualTo(Jobs.Reporter.class.getName() + ".report");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> named("write-report").stream()
					.anyMatch((child) -> child.getParentSpanId().equals(run.getSpanId())));
			// Each run is a trace of its own.
			assertThat(named("Reporter.report").stream().map(SpanData::getTraceId).distinct()).hasSizeGreaterThan(1);
		});
	}

	@Test
	void aFailingRunIsMarkedAndTheSchedulerCarriesOn() {
		runner().run((context) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> named("Failing.fail").size() >= 2);
			assertThat(named("Failing.fail")).allSatisfy((run) -> {
				assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
				assertThat(run.getStatus().getDescription()).isEqualTo("payment provider unreachable");
				assertThat(run.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
				assertThat(run.getAttributes().asMap().toString())
					.contains("error.type=java.lang.IllegalStateException");
			});
			assertThat(context.getBean(Jobs.Failing.class).runs()).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void excludedJobsAndTheSwitchLeaveJobsAlone() {
		runner().withPropertyValues("otel.spring.scheduling.excluded-jobs=Failing, Reporter.report").run((context) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(Jobs.Failing.class).runs() >= 2);
			assertThat(AopUtils.isAopProxy(context.getBean(Jobs.Failing.class))).isFalse();
			assertThat(named("Failing.fail")).isEmpty();
			assertThat(named("Reporter.report")).isEmpty();
		});
		runner().withPropertyValues("otel.instrumentation.spring-scheduling.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ScheduledSpanPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Jobs.Reporter.class))).isFalse();
		});
	}

	@Test
	void tasksOfSchedulingConfigurersAreTracedToo() {
		runner().withUserConfiguration(ConfiguredJobs.class).run((context) -> {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> named("CacheWarmer.run").size() >= 2 && named("ConfiguredJobs.lambda").size() >= 2
						&& named("nightly-export").size() >= 1);
			SpanData warm = named("CacheWarmer.run").get(0);
			assertThat(warm.getParentSpanContext().isValid()).isFalse();
			assertThat(warm.getAttributes().get(CodeAttributes.CODE_FUNCTION_NAME))
				.isEqualTo(ConfiguredJobs.CacheWarmer.class.getName() + ".run");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> named("warm-cache").stream()
					.anyMatch((child) -> child.getParentSpanId().equals(warm.getSpanId())));
			assertThat(named("ConfiguredJobs.lambda")).allSatisfy((run) -> {
				assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
				assertThat(run.getAttributes().asMap().toString())
					.contains("error.type=java.lang.IllegalArgumentException");
			});
			// The @Scheduled methods keep their one span per run: the configurer leaves
			// their tasks alone.
			assertThat(this.exporter.getFinishedSpanItems())
				.noneSatisfy((span) -> assertThat(span.getName()).contains(Jobs.Reporter.class.getName()));
			assertThat(named("Reporter.report")).isNotEmpty()
				.allSatisfy((run) -> assertThat(run.getParentSpanContext().isValid()).isFalse());
		});
		runner().withUserConfiguration(ConfiguredJobs.class)
			.withPropertyValues("otel.spring.scheduling.excluded-jobs=CacheWarmer")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(10)).until(() -> named("ConfiguredJobs.lambda").size() >= 2);
				assertThat(context.getBean(ConfiguredJobs.class).warmed()).isGreaterThanOrEqualTo(1);
				assertThat(named("CacheWarmer.run")).isEmpty();
			});
	}

	private List<SpanData> named(String name) {
		return this.exporter.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Jobs {

		@Bean
		Reporter reporter(ObjectProvider<OpenTelemetry> openTelemetry) {
			return new Reporter(openTelemetry);
		}

		@Bean
		Failing failing() {
			return new Failing();
		}

		static class Reporter {

			private final ObjectProvider<OpenTelemetry> openTelemetry;

			Reporter(ObjectProvider<OpenTelemetry> openTelemetry) {
				this.openTelemetry = openTelemetry;
			}

			@Scheduled(fixedDelay = 50)
			void report() {
				OpenTelemetry otel = this.openTelemetry.getIfAvailable(GlobalOpenTelemetry::get);
				Span span = otel.getTracer("test").spanBuilder("write-report").startSpan();
				span.end();
			}

		}

		static class Failing {

			private final AtomicInteger runs = new AtomicInteger();

			int runs() {
				return this.runs.get();
			}

			@Scheduled(fixedDelay = 50)
			void fail() {
				this.runs.incrementAndGet();
				throw new IllegalStateException("payment provider unreachable");
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ConfiguredJobs implements SchedulingConfigurer {

		private final ObjectProvider<OpenTelemetry> openTelemetry;

		private final AtomicInteger warmed = new AtomicInteger();

		ConfiguredJobs(ObjectProvider<OpenTelemetry> openTelemetry) {
			this.openTelemetry = openTelemetry;
		}

		int warmed() {
			return this.warmed.get();
		}

		@Override
		public void configureTasks(ScheduledTaskRegistrar registrar) {
			registrar.addFixedDelayTask(new CacheWarmer(this.openTelemetry, this.warmed), Duration.ofMillis(50));
			registrar.addTriggerTask(() -> {
				throw new IllegalArgumentException("no such report");
			}, new PeriodicTrigger(Duration.ofMillis(50)));
			registrar.addCronTask(new Runnable() {

				@Override
				public void run() {
				}

				@Override
				public String toString() {
					return "nightly-export";
				}

			}, "* * * * * *");
		}

		static class CacheWarmer implements Runnable {

			private final ObjectProvider<OpenTelemetry> openTelemetry;

			private final AtomicInteger warmed;

			CacheWarmer(ObjectProvider<OpenTelemetry> openTelemetry, AtomicInteger warmed) {
				this.openTelemetry = openTelemetry;
				this.warmed = warmed;
			}

			@Override
			public void run() {
				this.warmed.incrementAndGet();
				this.openTelemetry.getIfAvailable(GlobalOpenTelemetry::get)
					.getTracer("test")
					.spanBuilder("warm-cache")
					.startSpan()
					.end();
			}

		}

	}

}
