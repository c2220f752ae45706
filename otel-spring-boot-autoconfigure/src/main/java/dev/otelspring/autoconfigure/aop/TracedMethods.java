package dev.otelspring.autoconfigure.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.semconv.CodeAttributes;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link Traced} methods and works out each one's {@link TracedMethod} once:
 * the annotation on the method, the interface or superclass method it implements, or the
 * class; the {@link SpanAttribute} of each parameter, wherever it is declared.
 * Thread-safe.
 */
final class TracedMethods {

	/** Whether the official starter's annotations are on the class path. */
	private static final boolean WITH_SPAN_PRESENT = ClassUtils
		.isPresent("io.opentelemetry.instrumentation.annotations.WithSpan", TracedMethods.class.getClassLoader());

	/**
	 * The common case, one target class per method: looked up without allocating a key.
	 */
	private final ConcurrentHashMap<Method, TracedMethod> byMethod = new ConcurrentHashMap<>();

	/** Methods shared by several target classes (an interface method, say). */
	private final ConcurrentHashMap<MethodClassKey, TracedMethod> byMethodAndClass = new ConcurrentHashMap<>();

	/**
	 * Returns the span description of an invoked method, or {@code null} when it is not
	 * traced.
	 * @param invoked the method as invoked
	 * @param target the target object, or {@code null}
	 * @return the description, cached
	 */
	TracedMethod lookUp(Method invoked, Object target) {
		TracedMethod method = this.byMethod.get(invoked);
		if (method != null && target != null && method.targetClass == target.getClass()) {
			return method;
		}
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invoked.getDeclaringClass();
		if (method != null && method.targetClass == targetClass) {
			return method;
		}
		MethodClassKey key = new MethodClassKey(invoked, targetClass);
		method = this.byMethodAndClass.get(key);
		if (method == null) {
			method = resolve(invoked, targetClass);
			if (method != null) {
				this.byMethodAndClass.putIfAbsent(key, method);
				this.byMethod.putIfAbsent(invoked, method);
			}
		}
		return method;
	}

	/**
	 * Works out the span of a method, or {@code null} when it is not traced. Throws for a
	 * declaration error (such as a {@code @SpanAttribute} with no key and no parameter
	 * name), which is why the pointcut calls it at startup.
	 * @param method the method
	 * @param targetClass the target class
	 * @return the traced method
	 */
	static TracedMethod resolve(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		Declaration declaration = findDeclaration(specific, targetClass);
		return (declaration != null) ? create(specific, targetClass, declaration) : null;
	}

	/**
	 * Returns what applies to the method of the given class: {@link Traced} (or
	 * {@code @WithSpan}) on the method, or the interface or superclass method it
	 * implements; else {@link Traced} on the class, for a public method.
	 * @param method the method
	 * @param targetClass the target class
	 * @return the declaration, or {@code null}
	 */
	private static Declaration findDeclaration(Method method, Class<?> targetClass) {
		Traced traced = AnnotatedElementUtils.findMergedAnnotation(method, Traced.class);
		if (traced == null && WITH_SPAN_PRESENT) {
			Declaration withSpan = OfficialAnnotations.withSpan(method);
			if (withSpan != null) {
				return withSpan;
			}
		}
		return Declaration.of((traced != null) ? traced : findAnnotation(method, targetClass));
	}

	/**
	 * Returns the {@link Traced} annotation that applies to the method of the given
	 * class: on the method (or the interface or superclass method it implements), else on
	 * the class for a public method.
	 * @param method the method
	 * @param targetClass the target class
	 * @return the traced
	 */
	private static Traced findAnnotation(Method method, Class<?> targetClass) {
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

	private static TracedMethod create(Method method, Class<?> targetClass, Declaration traced) {
		String name = traced.value().isEmpty() ? targetClass.getSimpleName() + "." + method.getName() : traced.value();
		AttributesBuilder attributes = Attributes.builder()
			.put(CodeAttributes.CODE_FUNCTION_NAME, targetClass.getName() + "." + method.getName());
		for (String pair : traced.attributes()) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new IllegalStateException(
						"@Traced attribute '" + pair + "' on " + describe(method) + " is not of the form key=value");
			}
			attributes.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
		}
		Parameter[] parameters = method.getParameters();
		String[] keys = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			String key = findParameterKey(method, targetClass, i);
			if (key == null) {
				continue;
			}
			if (!key.isEmpty()) {
				keys[i] = key;
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
				|| (TracedSpans.REACTOR_PRESENT && ReactorSupport.isReactiveType(returnType));
	}

	/**
	 * Returns the key of the {@link SpanAttribute} (or the official starter's) of a
	 * parameter: its value, empty for the parameter's name, {@code null} when it has
	 * none.
	 * @param method the method
	 * @param targetClass the target class
	 * @param index the parameter's index
	 * @return the key, or {@code null}
	 */
	private static String findParameterKey(Method method, Class<?> targetClass, int index) {
		SpanAttribute spanAttribute = findParameterAnnotation(method, targetClass, index);
		if (spanAttribute != null) {
			return spanAttribute.value();
		}
		if (WITH_SPAN_PRESENT) {
			String official = OfficialAnnotations.spanAttribute(method.getParameters()[index]);
			if (official == null) {
				official = OfficialAnnotations
					.spanAttribute(AopUtils.getMostSpecificMethod(method, targetClass).getParameters()[index]);
			}
			return official;
		}
		return null;
	}

	private static SpanAttribute findParameterAnnotation(Method method, Class<?> targetClass, int index) {
		SpanAttribute direct = method.getParameters()[index].getAnnotation(SpanAttribute.class);
		if (direct != null) {
			return direct;
		}
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		SpanAttribute onImplementation = specific.getParameters()[index].getAnnotation(SpanAttribute.class);
		if (onImplementation != null) {
			return onImplementation;
		}
		for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(targetClass)) {
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
	 * What a {@link Traced} (or the official starter's {@code @WithSpan}) declares.
	 *
	 * @param value the span name, empty for {@code Class.method}
	 * @param kind the span kind
	 * @param attributes fixed {@code key=value} attributes
	 */
	record Declaration(String value, SpanKind kind, String[] attributes) {

		static Declaration of(Traced traced) {
			return (traced != null) ? new Declaration(traced.value(), traced.kind(), traced.attributes()) : null;
		}

	}

}
