package dev.otelspring.autoconfigure.web.client;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.HttpTracingProperties;
import dev.otelspring.autoconfigure.config.SpringHttpTracingProperties;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.HttpTracingSettingsConfiguration;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Auto-configuration of CLIENT spans for {@code RestTemplate} and {@code RestClient}: the
 * {@link ClientTracingInterceptor}, added to every {@code RestTemplate} and
 * {@code RestClient.Builder} bean and to every {@code RestTemplate} built from Spring
 * Boot's {@code RestTemplateBuilder}.
 *
 * <p>
 * Switched off with {@code otel.instrumentation.spring-web.enabled=false}, separately
 * from the server side.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, ClientHttpRequestInterceptor.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation("spring-web")
@Import({ HttpTracingSettingsConfiguration.class, RestTemplateBuilderConfigurations.class })
public final class HttpClientTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientTracingInterceptor otelClientTracingInterceptor(OpenTelemetry openTelemetry, HttpTracingProperties http,
			SpringHttpTracingProperties spring) {
		return new ClientTracingInterceptor(openTelemetry, new HttpMethods(http.knownMethods()),
				new UrlSanitizer(spring.sensitiveQueryParameters()),
				CapturedHeaders.requestHeaders(http.client().captureRequestHeaders()),
				CapturedHeaders.responseHeaders(http.client().captureResponseHeaders()), spring.metrics());
	}

	@Bean
	static ClientTracingPostProcessor otelClientTracingPostProcessor(
			ObjectProvider<ClientTracingInterceptor> interceptor) {
		return new ClientTracingPostProcessor(interceptor);
	}

}
