package dev.otelspring.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches unless {@code otel.sdk.disabled} is {@code true}. A value other than
 * {@code true} or {@code false} stops startup with a report naming the key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnOpenTelemetrySdkCondition.class)
public @interface ConditionalOnEnabledOpenTelemetry {

}
