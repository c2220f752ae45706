package dev.otelspring.autoconfigure.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanBuilder;
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

	/** The fixed attributes' keys, set on every span with {@link #fixedValues} at the same index. */
	final AttributeKey<Object>[] fixedKeys;

	final Object[] fixedValues;

	/** The {@link SpanAttribute} parameters only, in parameter order. */
	final ParameterAttribute[] parameterAttributes;

	final Class<?> targetClass;

	/**
	 * Whether the method's result may be a {@code CompletionStage}, {@code Mono} or {@code Flux}, whose
	 * span ends when the result completes: false for a primitive or {@code void} return type and for a
	 * final class that is none of them, so that those calls skip the checks.
	 */
	final boolean mayCompleteLater;

	@SuppressWarnings("unchecked")
	private TracedMethod(Class<?> targetClass, String spanName, SpanKind kind, Attributes fixedAttributes,
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
				parameters.add(new ParameterAttribute(i, parameterKeys[i]));
			}
		}
		this.parameterAttributes = parameters.toArray(new ParameterAttribute[0]);
	}

	/**
	 * Sets the fixed attributes and those of the given arguments on a span builder. The attribute keys
	 * were made once, with the method, so a call allocates none.
	 */
	void setAttributes(SpanBuilder builder, Object[] arguments) {
		for (int i = 0; i < this.fixedKeys.length; i++) {
			builder.setAttribute(this.fixedKeys[i], this.fixedValues[i]);
		}
		for (ParameterAttribute parameter : this.parameterAttributes) {
			Object value = arguments[parameter.index];
			if (value != null) {
				parameter.set(builder, value);
			}
		}
	}

	/**
	 * A {@link SpanAttribute} parameter: its position and its key in each of the types a value most
	 * often has, made once so that recording a value allocates no key.
	 */
	static final class ParameterAttribute {

		final int index;

		final String key;

		private final AttributeKey<String> stringKey;

		private final AttributeKey<Long> longKey;

		private final AttributeKey<Double> doubleKey;

		private final AttributeKey<Boolean> booleanKey;

		ParameterAttribute(int index, String key) {
			this.index = index;
			this.key = key;
			this.stringKey = AttributeKey.stringKey(key);
			this.longKey = AttributeKey.longKey(key);
			this.doubleKey = AttributeKey.doubleKey(key);
			this.booleanKey = AttributeKey.booleanKey(key);
		}

		/**
		 * Sets a value on the span builder with the matching attribute type; the common types go straight
		 * to the builder without an intermediate collection.
		 */
		void set(SpanBuilder builder, Object value) {
			if (value instanceof String string) {
				builder.setAttribute(this.stringKey, string);
			}
			else if (value instanceof Long || value instanceof Integer || value instanceof Short
					|| value instanceof Byte) {
				builder.setAttribute(this.longKey, ((Number) value).longValue());
			}
			else if (value instanceof Double || value instanceof Float) {
				builder.setAttribute(this.doubleKey, ((Number) value).doubleValue());
			}
			else if (value instanceof Boolean bool) {
				builder.setAttribute(this.booleanKey, bool);
			}
			else {
				setOther(builder, value);
			}
		}

		/** Arrays, collections and anything else: kept out of {@link #set} so that it stays small. */
		private void setOther(SpanBuilder builder, Object value) {
			AttributesBuilder attributes = Attributes.builder();
			put(attributes, this.key, value);
			builder.setAllAttributes(attributes.build());
		}

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
		if (!Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
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
		return new TracedMethod(targetClass, name, traced.kind(), attributes.build(), keys,
				mayCompleteLater(method.getReturnType()));
	}

	private static boolean mayCompleteLater(Class<?> returnType) {
		if (returnType.isPrimitive()) {
			return false;
		}
		if (!Modifier.isFinal(returnType.getModifiers())) {
			return true;
		}
		return CompletionStage.class.isAssignableFrom(returnType)
				|| (TracedMethodInterceptor.REACTOR_PRESENT && ReactorSupport.isReactiveType(returnType));
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
