package dev.otelspring.autoconfigure.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.util.ReflectionUtils;

/**
 * Matches the methods that {@link dev.otelspring.annotation.Traced} applies to. Each bean
 * class is examined once, when it is proxied at startup, and every one of its traced
 * methods is checked then, so a declaration error stops startup with a clear message
 * rather than showing up on a request.
 */
final class TracedPointcut extends StaticMethodMatcherPointcut {

	private final Map<Class<?>, Boolean> classes = new ConcurrentHashMap<>();

	TracedPointcut() {
		setClassFilter(this::hasTracedMethod);
	}

	private boolean hasTracedMethod(Class<?> targetClass) {
		String name = targetClass.getName();
		if (name.startsWith("java.") || name.startsWith("org.springframework.")
				|| name.startsWith("io.opentelemetry.")) {
			return false;
		}
		return this.classes.computeIfAbsent(targetClass, (type) -> {
			boolean found = false;
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type,
					ReflectionUtils.USER_DECLARED_METHODS)) {
				found |= matches(method, type);
			}
			return found;
		});
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		if (method.isSynthetic() || method.isBridge() || method.getDeclaringClass() == Object.class) {
			return false;
		}
		return TracedMethods.resolve(method, targetClass) != null;
	}

}
