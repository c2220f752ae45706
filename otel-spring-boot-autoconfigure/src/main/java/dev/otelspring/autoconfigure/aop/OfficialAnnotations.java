package dev.otelspring.autoconfigure.aop;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Parameter;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The official OpenTelemetry starter's annotations, {@code @WithSpan} and its
 * {@code @SpanAttribute} ({@code io.opentelemetry.instrumentation.annotations}), read as
 * their {@code dev.otelspring} counterparts when that artifact is on the class path, so
 * that code instrumented for the official starter keeps its spans. Only this class refers
 * to them; it is loaded only when they are present.
 */
final class OfficialAnnotations {

	private OfficialAnnotations() {
	}

	/**
	 * Returns the {@code @WithSpan} on the element as a declaration, or {@code null}.
	 * @param element a method or a class
	 * @return the declaration, or {@code null}
	 */
	static TracedMethods.Declaration withSpan(AnnotatedElement element) {
		WithSpan withSpan = AnnotatedElementUtils.findMergedAnnotation(element, WithSpan.class);
		return (withSpan != null) ? new TracedMethods.Declaration(withSpan.value(), withSpan.kind(), new String[0])
				: null;
	}

	/**
	 * Returns the key of the official {@code @SpanAttribute} on the parameter: its value,
	 * empty for the parameter's name, or {@code null} when there is none.
	 * @param parameter a parameter
	 * @return the key, or {@code null}
	 */
	static String spanAttribute(Parameter parameter) {
		SpanAttribute spanAttribute = parameter.getAnnotation(SpanAttribute.class);
		return (spanAttribute != null) ? spanAttribute.value() : null;
	}

}
