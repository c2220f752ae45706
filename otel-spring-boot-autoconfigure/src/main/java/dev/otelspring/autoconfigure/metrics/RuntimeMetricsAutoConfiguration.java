package dev.otelspring.autoconfigure.metrics;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the JVM's {@link RuntimeMetrics}, with OpenTelemetry's
 * runtime-telemetry library on the class path (the starter brings it) and
 * {@code otel.instrumentation.runtime-telemetry.enabled} not {@code false}, the official
 * starter's switch.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, RuntimeTelemetry.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation("runtime-telemetry")
public final class RuntimeMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RuntimeMetrics otelRuntimeMetrics(OpenTelemetry openTelemetry) {
		return new RuntimeMetrics(openTelemetry);
	}

}
