package dev.otelspring.autoconfigure.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches unless {@code otel.sdk.disabled} (environment variable {@code OTEL_SDK_DISABLED}) is
 * {@code true}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnEnabledOpenTelemetryCondition.class)
public @interface ConditionalOnEnabledOpenTelemetry {

}
