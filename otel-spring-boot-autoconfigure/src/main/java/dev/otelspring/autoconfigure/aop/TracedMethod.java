package dev.otelspring.autoconfigure.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.semconv.CodeAttributes;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * What a {@link Traced} method's span looks like, worked out once per method and class: name, kind,
 * fixed attributes (including the {@code code.*} location) and the keys of its {@link SpanAttribute}
 * parameters. Immutable.
 */
final class TracedMethod {

	final String spanName;

	final SpanKind kind;

	final Attributes fixedAttributes;

	/** One entry per parameter: the key to record it under, or {@code null}. */
	final String[] parameterKeys;

	final boolean hasParameterAttributes;

	final Class<?> targetClass;

	private TracedMethod(Class<?> targetClass, String spanName, SpanKind kind, Attributes fixedAttributes,
			String[] parameterKeys) {
		this.targetClass = targetClass;
		this.spanName = spanName;
		this.kind = kind;
		this.fixedAttributes = fixedAttributes;
		this.parameterKeys = parameterKeys;
		boolean any = false;
		for (String key : parameterKeys) {
			any |= key != null;
		}
		this.hasParameterAttributes = any;
	}

	/**
	 * Returns the {@link Traced} annotation that applies to the method of the given class: on the method
	 * (or the interface or superclass method it implements), else on the class for a public method.
	 */
	static Traced findAnnotation(Method method, Class<?> targetClass) {
		Traced traced = AnnotatedElementUtils.findMergedAnnotation(method, Traced.class);
		if (traced != null) {
			return traced;
		}
		if (!java.lang.reflect.Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
			return null;
		}
		traced = AnnotatedElementUtils.findMergedAnnotation(targetClass, Traced.class);
		if (traced == null) {
			traced = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), Traced.class);
		}
		return traced;
	}

	static TracedMethod of(Method method, Class<?> targetClass, Traced traced) {
		String name = traced.value().isEmpty() ? targetClass.getSimpleName() + "." + method.getName()
				: traced.value();
		AttributesBuilder attributes = Attributes.builder()
			.put(CodeAttributes.CODE_FUNCTION_NAME, targetClass.getName() + "." + method.getName());
		for (String pair : traced.attributes()) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new IllegalStateException("@Traced attribute '" + pair + "' on " + describe(method)
						+ " is not of the form key=value");
			}
			attributes.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
		}
		Parameter[] parameters = method.getParameters();
		String[] keys = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			SpanAttribute spanAttribute = findParameterAnnotation(method, targetClass, i);
			if (spanAttribute == null) {
				continue;
			}
			if (!spanAttribute.value().isEmpty()) {
				keys[i] = spanAttribute.value();
			}
			else if (parameters[i].isNamePresent()) {
				keys[i] = parameters[i].getName();
			}
			else {
				throw new IllegalStateException("@SpanAttribute on parameter " + i + " of " + describe(method)
						+ " has no key and the parameter's name is not available: compile with '-parameters' "
						+ "(maven-compiler-plugin <parameters>true</parameters>) or give the key, as in "
						+ "@SpanAttribute(\"order.id\")");
			}
		}
		return new TracedMethod(targetClass, name, traced.kind(), attributes.build(), keys);
	}

	private static SpanAttribute findParameterAnnotation(Method method, Class<?> targetClass, int index) {
		SpanAttribute direct = method.getParameters()[index].getAnnotation(SpanAttribute.class);
		if (direct != null) {
			return direct;
		}
		Method specific = org.springframework.aop.support.AopUtils.getMostSpecificMethod(method, targetClass);
		SpanAttribute onImplementation = specific.getParameters()[index].getAnnotation(SpanAttribute.class);
		if (onImplementation != null) {
			return onImplementation;
		}
		for (Class<?> type : org.springframework.util.ClassUtils.getAllInterfacesForClassAsSet(targetClass)) {
			try {
				Method declared = type.getMethod(method.getName(), method.getParameterTypes());
				SpanAttribute onInterface = declared.getParameters()[index].getAnnotation(SpanAttribute.class);
				if (onInterface != null) {
					return onInterface;
				}
			}
			catch (NoSuchMethodException ex) {
				// not declared on this interface
			}
		}
		return null;
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName();
	}

	/**
	 * Sets a parameter's value on the span builder with the matching attribute type; the common types
	 * go straight to the builder without an intermediate collection.
	 */
	static void set(io.opentelemetry.api.trace.SpanBuilder builder, String key, Object value) {
		if (value instanceof String string) {
			builder.setAttribute(key, string);
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			builder.setAttribute(key, ((Number) value).longValue());
		}
		else if (value instanceof Double || value instanceof Float) {
			builder.setAttribute(key, ((Number) value).doubleValue());
		}
		else if (value instanceof Boolean bool) {
			builder.setAttribute(key, bool);
		}
		else {
			AttributesBuilder attributes = Attributes.builder();
			put(attributes, key, value);
			builder.setAllAttributes(attributes.build());
		}
	}

	@SuppressWarnings("unchecked")
	static void put(AttributesBuilder builder, String key, Object value) {
		if (value instanceof String string) {
			builder.put(key, string);
		}
		else if (value instanceof Boolean bool) {
			builder.put(key, bool);
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			builder.put(key, ((Number) value).longValue());
		}
		else if (value instanceof Double || value instanceof Float) {
			builder.put(key, ((Number) value).doubleValue());
		}
		else if (value instanceof String[] strings) {
			builder.put(key, strings);
		}
		else if (value instanceof long[] longs) {
			builder.put(key, longs);
		}
		else if (value instanceof int[] ints) {
			builder.put(AttributeKey.longArrayKey(key), java.util.Arrays.stream(ints).asLongStream().boxed().toList());
		}
		else if (value instanceof double[] doubles) {
			builder.put(key, doubles);
		}
		else if (value instanceof boolean[] booleans) {
			builder.put(key, booleans);
		}
		else if (value instanceof Object[] objects) {
			builder.put(AttributeKey.stringArrayKey(key), java.util.Arrays.stream(objects).map(String::valueOf).toList());
		}
		else if (value instanceof java.util.Collection<?> collection) {
			putCollection(builder, key, collection);
		}
		else {
			builder.put(key, String.valueOf(value));
		}
	}

	private static void putCollection(AttributesBuilder builder, String key, java.util.Collection<?> collection) {
		boolean allLongs = !collection.isEmpty();
		boolean allDoubles = !collection.isEmpty();
		boolean allBooleans = !collection.isEmpty();
		for (Object element : collection) {
			allLongs &= element instanceof Long || element instanceof Integer || element instanceof Short
					|| element instanceof Byte;
			allDoubles &= element instanceof Double || element instanceof Float;
			allBooleans &= element instanceof Boolean;
		}
		if (allLongs) {
			builder.put(AttributeKey.longArrayKey(key),
					collection.stream().map((element) -> ((Number) element).longValue()).toList());
		}
		else if (allDoubles) {
			builder.put(AttributeKey.doubleArrayKey(key),
					collection.stream().map((element) -> ((Number) element).doubleValue()).toList());
		}
		else if (allBooleans) {
			builder.put(AttributeKey.booleanArrayKey(key), collection.stream().map(Boolean.class::cast).toList());
		}
		else {
			builder.put(AttributeKey.stringArrayKey(key), collection.stream().map(String::valueOf).toList());
		}
	}

}
