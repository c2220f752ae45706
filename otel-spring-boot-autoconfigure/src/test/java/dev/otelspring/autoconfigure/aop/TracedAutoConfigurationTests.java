package dev.otelspring.autoconfigure.aop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.otelspring.annotation.Traced;
import dev.otelspring.autoconfigure.context.ContextPropagationAutoConfiguration;
import dev.otelspring.autoconfigure.exporter.OtlpSpanExporterAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.test.ThrowingOnEnd;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TracedAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
						TracedAutoConfiguration.class, ContextPropagationAutoConfiguration.class))
		.withPropertyValues("otel.traces.exporter=none", "otel.bsp.schedule.delay=10ms")
		.withBean(TracedTestApplication.EmailNotifier.class);

	@Test
	void worksThroughJdkProxiesOnInterfaceMethods() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		this.runner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(SpanExporter.class, () -> exporter)
			.run((context) -> {
				TracedTestApplication.Notifier notifier = context.getBean(TracedTestApplication.Notifier.class);
				assertThat(AopUtils.isJdkDynamicProxy(notifier)).isTrue();
				notifier.send("bob@example.com");
				await().atMost(Duration.ofSeconds(5)).until(() -> !exporter.getFinishedSpanItems().isEmpty());
				assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies((span) -> {
					assertThat(span.getName()).isEqualTo("notify");
					assertThat(span.getAttributes().asMap().toString()).contains("recipient=bob@example.com");
				});
			});
	}

	@Test
	void switchedOffLeavesBeansUnproxied() {
		this.runner.withPropertyValues("otel.instrumentation.annotations.enabled=false")
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(TracedTestApplication.Notifier.class)))
				.isFalse());
	}

	@Test
	void executorsAreProxiedUnlessExcludedOrSwitchedOff() {
		this.runner.withBean("workers", ExecutorService.class, () -> Executors.newFixedThreadPool(1))
			.withBean("excluded", ExecutorService.class, () -> Executors.newFixedThreadPool(1))
			.withPropertyValues("otel.spring.context-propagation.excluded-executors=excluded")
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean("workers"))).isTrue();
				assertThat(AopUtils.isAopProxy(context.getBean("excluded"))).isFalse();
			});
		this.runner.withBean("workers", ExecutorService.class, () -> Executors.newFixedThreadPool(1))
			.withPropertyValues("otel.spring.context-propagation.enabled=false")
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean("workers"))).isFalse());
	}

	@Test
	void aSpanProcessorThatThrowsOnEndNeverReachesTheCaller() {
		ThrowingOnEnd processor = new ThrowingOnEnd();
		this.runner.withBean(SpanProcessor.class, () -> processor).withBean(Futures.class).run((context) -> {
			assertThat(context.getBean(TracedTestApplication.Notifier.class).send("bob@example.com"))
				.isEqualTo("sent to bob@example.com");
			assertThat(context.getBean(Futures.class).done().get(5, TimeUnit.SECONDS)).isEqualTo("done");
			assertThat(processor.ended()).isEqualTo(2);
		});
	}

	public static class Futures {

		@Traced("future")
		public CompletableFuture<String> done() {
			return CompletableFuture.completedFuture("done");
		}

	}

}
