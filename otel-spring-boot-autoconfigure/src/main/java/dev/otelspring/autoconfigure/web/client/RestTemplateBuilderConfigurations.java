package dev.otelspring.autoconfigure.web.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Adds tracing to every {@code RestTemplate} built from Spring Boot's
 * {@code RestTemplateBuilder}, whichever line of Spring Boot provides it: each variant is
 * selected by the classes present, never by a version check.
 */
@Configuration(proxyBeanMethods = false)
@Import({ RestTemplateBuilderConfigurations.Boot3.class, RestTemplateBuilderConfigurations.Boot4.class })
class RestTemplateBuilderConfigurations {

	/**
	 * Spring Boot 3: {@code org.springframework.boot.web.client.RestTemplateCustomizer}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.web.client.RestTemplateCustomizer")
	static class Boot3 {

		@Bean
		org.springframework.boot.web.client.RestTemplateCustomizer otelRestTemplateCustomizer(
				ObjectProvider<ClientTracingInterceptor> interceptor) {
			return (restTemplate) -> ClientTracingPostProcessor.addTracing(restTemplate.getInterceptors(), interceptor);
		}

	}

	/**
	 * Spring Boot 4: {@code org.springframework.boot.restclient.RestTemplateCustomizer}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.restclient.RestTemplateCustomizer")
	static class Boot4 {

		@Bean
		org.springframework.boot.restclient.RestTemplateCustomizer otelRestTemplateCustomizer(
				ObjectProvider<ClientTracingInterceptor> interceptor) {
			return (restTemplate) -> ClientTracingPostProcessor.addTracing(restTemplate.getInterceptors(), interceptor);
		}

	}

}
