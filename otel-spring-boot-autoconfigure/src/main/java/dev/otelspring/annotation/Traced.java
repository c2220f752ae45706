package dev.otelspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.opentelemetry.api.trace.SpanKind;

/**
 * Makes a span of every call to the annotated method, or, on a class, of every call to
 * its public methods. The span is a child of the current span, is current while the
 * method runs, records an exception the method throws (and gets ERROR status), and ends
 * when the method returns; for a {@code CompletionStage}, {@code Mono} or {@code Flux}
 * result, when that result completes.
 *
 * <p>
 * Works on Spring beans through their proxies, so a call from one method of a bean to
 * another of the same bean (self-invocation) is not traced; see the README for the way
 * around it.
 *
 * @see SpanAttribute
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Traced {

	/**
	 * The span name. Defaults to {@code ClassName.methodName}.
	 * @return the span name, or empty for the default
	 */
	String value() default "";

	/**
	 * The span kind. Defaults to {@link SpanKind#INTERNAL}.
	 * @return the span kind
	 */
	SpanKind kind() default SpanKind.INTERNAL;

	/**
	 * Fixed attributes recorded on every span, as {@code "key=value"} strings.
	 * @return the attributes
	 */
	String[] attributes() default {};

}
