package dev.otelspring.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when one of this starter's own switches under {@code otel.spring.*} is on. A
 * value other than {@code true} or {@code false} stops startup with a report naming the
 * key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnEnabledFeatureCondition.class)
public @interface ConditionalOnEnabledFeature {

	/**
	 * The feature.
	 * @return the feature
	 */
	StarterFeature value();

}
