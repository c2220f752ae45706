package dev.otelspring.autoconfigure.context;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

class ContextPropagationAutoConfigurationTests {

	private static final ContextKey<String> KEY = ContextKey.named("test");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ContextPropagationAutoConfiguration.class))
		.withBean("workers", ThreadPoolTaskExecutor.class);

	@Test
	void suppliesThePostProcessorThatCarriesTheContextIntoTasks() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ContextPropagatingExecutorPostProcessor.class)
				.hasBean("otelContextPropagatingExecutorPostProcessor");
			ThreadPoolTaskExecutor workers = context.getBean("workers", ThreadPoolTaskExecutor.class);
			assertThat(AopUtils.isAopProxy(workers)).isTrue();
			assertThat(valueSeenByATask(workers)).isEqualTo("caller");
		});
	}

	@Test
	void excludedExecutorsAreLeftAlone() {
		this.runner.withBean("excluded", ThreadPoolTaskExecutor.class)
			.withPropertyValues("otel.spring.context-propagation.excluded-executors=excluded")
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean("workers"))).isTrue();
				ThreadPoolTaskExecutor excluded = context.getBean("excluded", ThreadPoolTaskExecutor.class);
				assertThat(AopUtils.isAopProxy(excluded)).isFalse();
				assertThat(valueSeenByATask(excluded)).isNull();
			});
	}

	@Test
	void backsOffOnTheUsersPostProcessor() {
		this.runner
			.withBean("myPostProcessor", ContextPropagatingExecutorPostProcessor.class,
					() -> new ContextPropagatingExecutorPostProcessor(Set.of("workers")))
			.run((context) -> {
				assertThat(context).hasSingleBean(ContextPropagatingExecutorPostProcessor.class)
					.doesNotHaveBean("otelContextPropagatingExecutorPostProcessor");
				assertThat(AopUtils.isAopProxy(context.getBean("workers"))).isFalse();
			});
	}

	@Test
	void absentClassNoPostProcessor() {
		this.runner.withClassLoader(new FilteredClassLoader(Context.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(ContextPropagatingExecutorPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean("workers"))).isFalse();
		});
	}

	@ParameterizedTest
	@CsvSource({ "otel.spring.context-propagation.enabled=true,true",
			"otel.spring.context-propagation.enabled=false,false",
			"otel.spring.context-propagation.excluded-executors=other,true" })
	void switches(String property, boolean propagated) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context.getBeansOfType(ContextPropagatingExecutorPostProcessor.class))
				.hasSize(propagated ? 1 : 0);
			ThreadPoolTaskExecutor workers = context.getBean("workers", ThreadPoolTaskExecutor.class);
			assertThat(AopUtils.isAopProxy(workers)).isEqualTo(propagated);
			assertThat(valueSeenByATask(workers)).isEqualTo(propagated ? "caller" : null);
		});
	}

	private static String valueSeenByATask(ThreadPoolTaskExecutor executor) throws Exception {
		try (Scope scope = Context.current().with(KEY, "caller").makeCurrent()) {
			return executor.submit(() -> Context.current().get(KEY)).get(5, TimeUnit.SECONDS);
		}
	}

}
