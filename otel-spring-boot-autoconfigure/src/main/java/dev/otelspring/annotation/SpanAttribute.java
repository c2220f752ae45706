package dev.otelspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records the value of a parameter of a {@link Traced} method as a span attribute.
 * Booleans, whole numbers, floating-point numbers and strings (and arrays and collections
 * of them) keep their OpenTelemetry types; {@code null} is not recorded; any other object
 * is recorded with {@code toString()}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SpanAttribute {

	/**
	 * The attribute key. Defaults to the parameter's name, which needs the code compiled
	 * with {@code -parameters} (Spring Boot's build plugins do this); startup fails with
	 * a message saying so otherwise.
	 * @return the key, or empty for the parameter's name
	 */
	String value() default "";

}
