package dev.otelspring.autoconfigure.scheduling;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;

/**
 * Makes each run of a {@code @Scheduled} method the root span of a trace of its own,
 * current while the method runs, so that what the job does (statements, HTTP calls,
 * {@code @Traced} methods, log lines) is inside it. Named {@code Class.method}, with
 * {@code code.function.name}; a run that throws is marked failed and the exception is
 * rethrown unchanged.
 */
final class ScheduledSpanInterceptor implements MethodInterceptor {

	private final ScheduledRuns runs;

	private final ConcurrentHashMap<Method, String[]> names = new ConcurrentHashMap<>();

	ScheduledSpanInterceptor(ScheduledRuns runs) {
		this.runs = runs;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		String[] name = name(invocation);
		ScheduledRuns.Run run = this.runs.start(name[0], name[1]);
		try {
			return invocation.proceed();
		}
		catch (Throwable ex) {
			this.runs.fail(run, ex);
			throw ex;
		}
		finally {
			this.runs.end(run);
		}
	}

	private String[] name(MethodInvocation invocation) {
		String[] name = this.names.get(invocation.getMethod());
		if (name == null) {
			Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
					: invocation.getMethod().getDeclaringClass();
			String method = invocation.getMethod().getName();
			name = new String[] { targetClass.getSimpleName() + "." + method, targetClass.getName() + "." + method };
			this.names.put(invocation.getMethod(), name);
		}
		return name;
	}

}
