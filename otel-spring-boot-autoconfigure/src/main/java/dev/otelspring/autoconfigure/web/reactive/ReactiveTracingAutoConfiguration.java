package dev.otelspring.autoconfigure.web.reactive;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.HttpTracingProperties;
import dev.otelspring.autoconfigure.config.SpringHttpTracingProperties;
import dev.otelspring.autoconfigure.context.ReactorContextPropagation;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.HttpTracingSettingsConfiguration;
import dev.otelspring.autoconfigure.web.internal.UntracedServerPaths;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.micrometer.context.ContextRegistry;
import io.opentelemetry.api.OpenTelemetry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of SERVER spans for Spring WebFlux: the
 * {@link ServerTracingWebFilter}, configured by the same keys as the servlet filter, and
 * Reactor's automatic context propagation with an accessor for the OpenTelemetry context
 * ({@link ReactorContextPropagation}), so that the handler's whole pipeline runs in the
 * request's trace. Switched off with
 * {@code otel.instrumentation.spring-webflux.enabled=false} (the official starter's key).
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ OpenTelemetry.class, WebFilter.class, Mono.class, ContextRegistry.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation("spring-webflux")
@Import(HttpTracingSettingsConfiguration.class)
public final class ReactiveTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerTracingWebFilter otelServerTracingWebFilter(OpenTelemetry openTelemetry, HttpTracingProperties http,
			SpringHttpTracingProperties spring, ObjectProvider<UntracedServerPaths> untracedPaths) {
		ReactorContextPropagation.install();
		return new ServerTracingWebFilter(openTelemetry, new HttpMethods(http.knownMethods()),
				new UrlSanitizer(spring.sensitiveQueryParameters()),
				UntracedServerPaths.withConfigured(spring.server().skipPathPatterns(), untracedPaths.orderedStream()),
				CapturedHeaders.requestHeaders(http.server().captureRequestHeaders()),
				CapturedHeaders.responseHeaders(http.server().captureResponseHeaders()),
				spring.server().traceResponseHeader(), spring.metrics());
	}

}
