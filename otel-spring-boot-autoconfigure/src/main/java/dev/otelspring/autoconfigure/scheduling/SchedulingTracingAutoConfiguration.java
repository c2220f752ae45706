package dev.otelspring.autoconfigure.scheduling;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.SchedulingTracingSettings;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * Auto-configuration of spans for scheduled runs: each run of a {@code @Scheduled}
 * method, and of a task a {@code SchedulingConfigurer} registers, is the root span of a
 * trace, with everything the job does under it. Switched off with
 * {@code otel.instrumentation.spring-scheduling.enabled=false} (the official starter's
 * key); single jobs are left out with {@code otel.spring.scheduling.excluded-jobs}.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, Scheduled.class, SchedulingConfigurer.class,
		AbstractBeanFactoryAwareAdvisingPostProcessor.class })
@ConditionalOnEnabledInstrumentation("spring-scheduling")
public final class SchedulingTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ScheduledSpanPostProcessor otelScheduledSpanPostProcessor(ObjectProvider<OpenTelemetry> openTelemetry,
			Environment environment) {
		boolean proxyTargetClass = environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true);
		return new ScheduledSpanPostProcessor(new ScheduledRuns(openTelemetry),
				SchedulingTracingSettings.from(environment), proxyTargetClass);
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduledTaskSnapshot otelScheduledTaskSnapshot() {
		return new ScheduledTaskSnapshot();
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduledTaskTracingConfigurer otelScheduledTaskTracingConfigurer(ScheduledTaskSnapshot snapshot,
			ObjectProvider<OpenTelemetry> openTelemetry, Environment environment) {
		return new ScheduledTaskTracingConfigurer(snapshot, new ScheduledRuns(openTelemetry),
				SchedulingTracingSettings.from(environment));
	}

}
