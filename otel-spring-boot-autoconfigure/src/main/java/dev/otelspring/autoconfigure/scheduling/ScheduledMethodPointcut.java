package dev.otelspring.autoconfigure.scheduling;

import java.lang.reflect.Method;

import dev.otelspring.annotation.Traced;
import dev.otelspring.autoconfigure.config.SchedulingTracingSettings;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;

/**
 * Matches {@code @Scheduled} methods, except those of excluded jobs and those that are
 * {@code @Traced} (whose own span is then the run's root).
 */
final class ScheduledMethodPointcut extends StaticMethodMatcherPointcut {

	private final SchedulingTracingSettings settings;

	ScheduledMethodPointcut(SchedulingTracingSettings settings) {
		this.settings = settings;
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		if (!AnnotatedElementUtils.hasAnnotation(specific, Scheduled.class)
				&& !AnnotatedElementUtils.hasAnnotation(specific, Schedules.class)) {
			return false;
		}
		if (AnnotatedElementUtils.hasAnnotation(specific, Traced.class)) {
			return false;
		}
		return !this.settings.isExcluded(targetClass.getName(), method.getName());
	}

}
