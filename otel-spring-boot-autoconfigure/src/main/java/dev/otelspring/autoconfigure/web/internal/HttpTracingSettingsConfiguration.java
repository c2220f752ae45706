package dev.otelspring.autoconfigure.web.internal;

import dev.otelspring.autoconfigure.config.HttpTracingProperties;
import dev.otelspring.autoconfigure.config.SpringHttpTracingProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The HTTP settings that the server and the client instrumentation share, bound once for
 * both.
 */
@Configuration(proxyBeanMethods = false)
public class HttpTracingSettingsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpTracingProperties otelHttpTracingProperties(Environment environment) {
		return HttpTracingProperties.from(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	SpringHttpTracingProperties otelSpringHttpTracingProperties(Environment environment) {
		return SpringHttpTracingProperties.from(environment);
	}

}
