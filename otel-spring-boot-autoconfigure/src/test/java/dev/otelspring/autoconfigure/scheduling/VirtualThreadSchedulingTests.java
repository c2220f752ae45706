package dev.otelspring.autoconfigure.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.threads.virtual.enabled=true}, Spring Boot schedules on virtual
 * threads ({@code SimpleAsyncTaskScheduler}); each run is still the root span of its
 * trace, with the job's work under it. Needs Java 21 or later: the build runs it in a JVM
 * of its own on the newer JDK (surefire execution {@code virtual-threads}).
 */
class VirtualThreadSchedulingTests {

	@Test
	void runsOnVirtualThreadsAreRootSpansWithTheirWorkUnderThem() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					SchedulingTracingAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
			.withPropertyValues("spring.threads.virtual.enabled=true", "otel.traces.exporter=none",
					"otel.bsp.schedule.delay=10ms")
			.withBean(SpanExporter.class, () -> exporter)
			.withUserConfiguration(Jobs.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SimpleAsyncTaskScheduler.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> named(exporter, "Jobs.sweep").size() >= 2);
				SpanData run = named(exporter, "Jobs.sweep").get(0);
				assertThat(run.getParentSpanContext().isValid()).isFalse();
				await().atMost(Duration.ofSeconds(5))
					.until(() -> named(exporter, "sweep-step").stream()
						.anyMatch((child) -> child.getParentSpanId().equals(run.getSpanId())));
				assertThat(context.getBean(Jobs.class).virtual()).containsOnly(true);
			});
	}

	private static List<SpanData> named(InMemorySpanExporter exporter, String name) {
		return exporter.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Jobs {

		private final Set<Boolean> virtual = ConcurrentHashMap.newKeySet();

		private final ObjectProvider<OpenTelemetry> openTelemetry;

		Jobs(ObjectProvider<OpenTelemetry> openTelemetry) {
			this.openTelemetry = openTelemetry;
		}

		/** Whether each run's thread was virtual. */
		Set<Boolean> virtual() {
			return this.virtual;
		}

		@Scheduled(fixedDelay = 50)
		void sweep() throws Exception {
			// Thread.isVirtual() is Java 21 API; the tests compile for Java 17.
			this.virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
			this.openTelemetry.getObject().getTracer("test").spanBuilder("sweep-step").startSpan().end();
		}

	}

}
