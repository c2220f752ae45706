package dev.otelspring.autoconfigure.web.servlet;

import java.util.EnumSet;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.HttpTracingProperties;
import dev.otelspring.autoconfigure.config.SpringHttpTracingProperties;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.HttpTracingSettingsConfiguration;
import dev.otelspring.autoconfigure.web.internal.UntracedServerPaths;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Auto-configuration of SERVER spans for Spring MVC on a servlet container: the
 * {@link ServerTracingFilter}, registered for request, async and error dispatches, and a
 * {@link TracingHandlerExceptionResolver} that records handled exceptions.
 *
 * <p>
 * Switched off with {@code otel.instrumentation.spring-webmvc.enabled=false}.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ OpenTelemetry.class, Filter.class, HandlerMapping.class, FilterRegistrationBean.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation("spring-webmvc")
@Import(HttpTracingSettingsConfiguration.class)
public final class ServletTracingAutoConfiguration {

	/**
	 * The order of the filter: first but for character encoding, so the span covers
	 * security too.
	 */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	@Bean
	@ConditionalOnMissingBean(name = "otelServerTracingFilter")
	FilterRegistrationBean<ServerTracingFilter> otelServerTracingFilter(OpenTelemetry openTelemetry,
			HttpTracingProperties http, SpringHttpTracingProperties spring,
			ObjectProvider<UntracedServerPaths> untracedPaths) {
		ServerTracingFilter filter = new ServerTracingFilter(openTelemetry, new HttpMethods(http.knownMethods()),
				new UrlSanitizer(spring.sensitiveQueryParameters()),
				UntracedServerPaths.withConfigured(spring.server().skipPathPatterns(), untracedPaths.orderedStream()),
				CapturedHeaders.requestHeaders(http.server().captureRequestHeaders()),
				CapturedHeaders.responseHeaders(http.server().captureResponseHeaders()),
				spring.server().traceResponseHeader(), spring.metrics());
		FilterRegistrationBean<ServerTracingFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(FILTER_ORDER);
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
		registration.setAsyncSupported(true);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	TracingHandlerExceptionResolver otelTracingHandlerExceptionResolver() {
		return new TracingHandlerExceptionResolver();
	}

}
