package dev.otelspring.autoconfigure.aop;

import dev.otelspring.annotation.Traced;
import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@link Traced} business spans. Switched off with
 * {@code otel.instrumentation.annotations.enabled=false} (the official starter's key).
 *
 * <p>
 * Proxies are class-based unless {@code spring.aop.proxy-target-class=false}, as with
 * Spring Boot's own AOP support.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, AbstractBeanFactoryAwareAdvisingPostProcessor.class })
@ConditionalOnEnabledInstrumentation("annotations")
public final class TracedAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static TracedAnnotationBeanPostProcessor otelTracedAnnotationBeanPostProcessor(
			ObjectProvider<OpenTelemetry> openTelemetry, Environment environment) {
		boolean proxyTargetClass = environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true);
		return new TracedAnnotationBeanPostProcessor(openTelemetry, proxyTargetClass);
	}

}
