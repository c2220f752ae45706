package dev.otelspring.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the instrumentation is switched on:
 * {@code otel.instrumentation.<name>.enabled}, which defaults to
 * {@code otel.instrumentation.common.default-enabled}, which defaults to {@code true}
 * (the official starter's keys); an instrumentation that is off by default stays off
 * until its own key says {@code true}. A value other than {@code true} or {@code false}
 * stops startup with a report naming the key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnEnabledInstrumentationCondition.class)
public @interface ConditionalOnEnabledInstrumentation {

	/**
	 * The instrumentation's name, as in {@code otel.instrumentation.<name>.enabled}.
	 * @return the name
	 */
	String value();

	/**
	 * Whether the instrumentation is on when its key is not set.
	 * @return whether it is on by default
	 */
	boolean enabledByDefault() default true;

}
