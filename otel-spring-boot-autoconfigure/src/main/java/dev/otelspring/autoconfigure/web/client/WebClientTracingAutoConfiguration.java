package dev.otelspring.autoconfigure.web.client;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.HttpTracingProperties;
import dev.otelspring.autoconfigure.config.SpringHttpTracingProperties;
import dev.otelspring.autoconfigure.context.ReactorContextPropagation;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.HttpTracingSettingsConfiguration;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.micrometer.context.ContextRegistry;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of CLIENT spans for {@code WebClient}, in servlet and reactive
 * applications alike: the {@link WebClientTracingFilter}, added to every
 * {@code WebClient.Builder} and {@code WebClient} bean, and Reactor's automatic context
 * propagation, so that a call made inside a traced pipeline is a child of its span.
 * Switched off with {@code otel.instrumentation.spring-webflux.enabled=false} (the
 * official starter's key, which covers {@code WebClient} too).
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, WebClient.class, ContextRegistry.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation("spring-webflux")
@Import(HttpTracingSettingsConfiguration.class)
public final class WebClientTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebClientTracingFilter otelWebClientTracingFilter(OpenTelemetry openTelemetry, HttpTracingProperties http,
			SpringHttpTracingProperties spring) {
		ReactorContextPropagation.install();
		return new WebClientTracingFilter(openTelemetry, new HttpMethods(http.knownMethods()),
				new UrlSanitizer(spring.sensitiveQueryParameters()),
				CapturedHeaders.requestHeaders(http.client().captureRequestHeaders()),
				CapturedHeaders.responseHeaders(http.client().captureResponseHeaders()), spring.metrics());
	}

	@Bean
	static WebClientTracingPostProcessor otelWebClientTracingPostProcessor(
			ObjectProvider<WebClientTracingFilter> filter) {
		return new WebClientTracingPostProcessor(filter);
	}

}
