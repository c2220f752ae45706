package dev.otelspring.autoconfigure.aop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;

/**
 * What a {@link Traced} method's span looks like, worked out once per method and class:
 * name, kind, fixed attributes (including the {@code code.*} location) and the keys of
 * its {@link SpanAttribute} parameters. Immutable.
 */
final class TracedMethod {

	final String spanName;

	final SpanKind kind;

	/**
	 * The fixed attributes' keys, set on every span with {@link #fixedValues} at the same
	 * index.
	 */
	final AttributeKey<Object>[] fixedKeys;

	final Object[] fixedValues;

	/** The {@link SpanAttribute} parameters only, in parameter order. */
	final ParameterAttribute[] parameterAttributes;

	final Class<?> targetClass;

	/**
	 * Whether the method's result may be a {@code CompletionStage}, {@code Mono} or
	 * {@code Flux}, whose span ends when the result completes: false for a primitive or
	 * {@code void} return type and for a final class that is none of them, so that those
	 * calls skip the checks.
	 */
	final boolean mayCompleteLater;

	@SuppressWarnings("unchecked")
	TracedMethod(Class<?> targetClass, String spanName, SpanKind kind, Attributes fixedAttributes,
			String[] parameterKeys, boolean mayCompleteLater) {
		this.targetClass = targetClass;
		this.mayCompleteLater = mayCompleteLater;
		this.spanName = spanName;
		this.kind = kind;
		this.fixedKeys = new AttributeKey[fixedAttributes.size()];
		this.fixedValues = new Object[fixedAttributes.size()];
		int next = 0;
		for (Map.Entry<AttributeKey<?>, Object> fixed : fixedAttributes.asMap().entrySet()) {
			this.fixedKeys[next] = (AttributeKey<Object>) fixed.getKey();
			this.fixedValues[next++] = fixed.getValue();
		}
		List<ParameterAttribute> parameters = new ArrayList<>();
		for (int i = 0; i < parameterKeys.length; i++) {
			if (parameterKeys[i] != null) {
				parameters.add(new ParameterAttribute(i, new AttributeValue(parameterKeys[i])));
			}
		}
		this.parameterAttributes = parameters.toArray(new ParameterAttribute[0]);
	}

	/**
	 * Sets the fixed attributes and those of the given arguments on a span builder. The
	 * attribute keys were made once, with the method, so a call allocates none.
	 * @param builder the builder
	 * @param arguments the arguments
	 */
	void setAttributes(SpanBuilder builder, Object[] arguments) {
		for (int i = 0; i < this.fixedKeys.length; i++) {
			builder.setAttribute(this.fixedKeys[i], this.fixedValues[i]);
		}
		for (ParameterAttribute parameter : this.parameterAttributes) {
			Object value = arguments[parameter.index()];
			if (value != null) {
				parameter.set(builder, value);
			}
		}
	}

	/** A {@link SpanAttribute} parameter: its position and its attribute. */
	record ParameterAttribute(int index, AttributeValue attribute) {

		void set(SpanBuilder builder, Object value) {
			this.attribute.set(builder, value);
		}

	}

}
