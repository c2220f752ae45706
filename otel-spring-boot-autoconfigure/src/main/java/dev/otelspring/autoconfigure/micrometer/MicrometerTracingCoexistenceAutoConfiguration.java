package dev.otelspring.autoconfigure.micrometer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledFeature;
import dev.otelspring.autoconfigure.config.InstrumentationSwitches;
import dev.otelspring.autoconfigure.config.StarterFeature;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration beside Micrometer Tracing. Spring Boot's tracing auto-configuration
 * runs after this starter's SDK and so uses it: Micrometer's tracer is a bridge to the
 * application's one {@code OpenTelemetry}, and {@code @Observed} and {@code @NewSpan}
 * spans land in the same traces. What Spring also observes and this starter already
 * traces (HTTP server requests and client calls, servlet and reactive, scheduled runs,
 * Kafka records, each while its instrumentation is on) makes no Micrometer span, so each
 * request and call is one span; the observations' metrics stay. Switched off with
 * {@code otel.spring.micrometer.skip-traced-observations=false}.
 */
@AutoConfiguration
@ConditionalOnClass({ TracingObservationHandler.class, Observation.class })
@ConditionalOnEnabledFeature(StarterFeature.MICROMETER_SKIP_TRACED_OBSERVATIONS)
public final class MicrometerTracingCoexistenceAutoConfiguration {

	/**
	 * The observation contexts of each instrumentation of this starter, by its switch.
	 */
	private static final Map<String, List<String>> CONTEXTS = Map.of("spring-webmvc",
			List.of("org.springframework.http.server.observation.ServerRequestObservationContext"), "spring-web",
			List.of("org.springframework.http.client.observation.ClientRequestObservationContext"), "spring-webflux",
			List.of("org.springframework.http.server.reactive.observation.ServerRequestObservationContext",
					"org.springframework.web.reactive.function.client.ClientRequestObservationContext"),
			"spring-scheduling", List.of("org.springframework.scheduling.support.ScheduledTaskObservationContext"),
			"kafka", List.of("org.springframework.kafka.support.micrometer.KafkaRecordSenderContext",
					"org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext"));

	@Bean
	static TracingObservationHandlerPostProcessor otelTracingObservationHandlerPostProcessor(Environment environment) {
		return new TracingObservationHandlerPostProcessor(skippedContexts(environment));
	}

	static List<Class<?>> skippedContexts(Environment environment) {
		List<Class<?>> skipped = new ArrayList<>();
		ClassLoader classLoader = MicrometerTracingCoexistenceAutoConfiguration.class.getClassLoader();
		CONTEXTS.forEach((instrumentation, contexts) -> {
			if (InstrumentationSwitches.isEnabled(environment, instrumentation)) {
				for (String context : contexts) {
					if (ClassUtils.isPresent(context, classLoader)) {
						skipped.add(ClassUtils.resolveClassName(context, classLoader));
					}
				}
			}
		});
		return List.copyOf(skipped);
	}

}
