package dev.otelspring.autoconfigure.traceview;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledFeature;
import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.PathPattern;
import dev.otelspring.autoconfigure.config.StarterFeature;
import dev.otelspring.autoconfigure.config.TraceViewProperties;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.web.internal.UntracedServerPaths;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the trace view for development, switched on with
 * {@code otel.spring.trace-view.enabled=true}: a {@link TraceStore} of the recent traces,
 * filled by a span processor, and a page that shows them. The page is the Actuator
 * endpoint {@code traceview} when Actuator is present and the endpoint is exposed;
 * otherwise it is served on the application's own port under
 * {@code otel.spring.trace-view.path}.
 */
@AutoConfiguration(before = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, SpanProcessor.class })
@ConditionalOnWebApplication
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnEnabledFeature(StarterFeature.TRACE_VIEW)
public final class TraceViewAutoConfiguration {

	private static final Log logger = LogFactory.getLog(TraceViewAutoConfiguration.class);

	private static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "development", "local");

	@Bean
	@ConditionalOnMissingBean
	TraceViewProperties otelTraceViewProperties(Environment environment) {
		return TraceViewProperties.from(environment);
	}

	@Bean
	TraceStore otelTraceStore(TraceViewProperties properties, Environment environment) {
		if (Arrays.stream(environment.getActiveProfiles()).noneMatch(DEVELOPMENT_PROFILES::contains)) {
			logger.warn("The trace view is on without a development profile"
					+ " (dev, development or local): it shows the recent requests' spans to whoever can open it");
		}
		return new TraceStore(properties.maxTraces(), properties.maxBytes().toBytes());
	}

	@Bean
	UntracedServerPaths otelTraceViewUntracedPaths(TraceViewProperties properties, Environment environment) {
		String key = "management.endpoints.web.base-path";
		String actuator = environment.getProperty(key, "/actuator").replaceAll("/+$", "");
		PathPattern endpoint = PathPattern.compile(key, actuator + "/traceview/**");
		return () -> List.of(properties.pathPattern(), endpoint);
	}

	@Bean
	SpanProcessor otelTraceViewSpanProcessor(TraceStore store) {
		return new TraceViewSpanProcessor(store);
	}

	@Bean
	TraceViewContent otelTraceViewContent(TraceStore store) {
		return new TraceViewContent(store);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			name = { "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint",
					"org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint" })
	@ConditionalOnAvailableEndpoint(endpoint = TraceViewEndpoint.class)
	static class ActuatorEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceViewEndpoint otelTraceViewEndpoint(TraceViewContent content) {
			return new TraceViewEndpoint(content);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
	@Conditional(EndpointNotAvailable.class)
	static class ServletRoutesConfiguration {

		@Bean
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> otelTraceViewRoutes(
				TraceViewProperties properties, TraceViewContent content) {
			return ServletTraceViewRoutes.routes(properties.path(), content);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
	@Conditional(EndpointNotAvailable.class)
	static class ReactiveRoutesConfiguration {

		@Bean
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> otelTraceViewRoutes(
				TraceViewProperties properties, TraceViewContent content) {
			return ReactiveTraceViewRoutes.routes(properties.path(), content);
		}

	}

	/** Actuator is absent, or the {@code traceview} endpoint is not exposed. */
	static class EndpointNotAvailable extends NoneNestedConditions {

		EndpointNotAvailable() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnClass(name = {
				"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint",
				"org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint" })
		@ConditionalOnAvailableEndpoint(endpoint = TraceViewEndpoint.class)
		static class Available {

		}

	}

}
