package dev.otelspring.autoconfigure.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

import io.opentelemetry.context.Context;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Wraps the tasks handed to an executor so that they run with the submitting thread's
 * OpenTelemetry context: a span started inside the task is a child of the caller's span.
 * Nothing is wrapped when the caller has no context. Thread-safe.
 */
final class ContextPropagatingExecutorInterceptor implements MethodInterceptor {

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Context context = Context.current();
		if (context == Context.root() || !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		Object[] arguments = invocation.getArguments();
		Object[] wrapped = arguments.clone();
		for (int i = 0; i < wrapped.length; i++) {
			wrapped[i] = wrap(context, wrapped[i]);
		}
		proxyInvocation.setArguments(wrapped);
		return invocation.proceed();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object wrap(Context context, Object argument) {
		if (argument instanceof Runnable runnable) {
			return context.wrap(runnable);
		}
		if (argument instanceof Callable<?> callable) {
			return context.wrap(callable);
		}
		if (argument instanceof Collection<?> tasks && !tasks.isEmpty()
				&& tasks.iterator().next() instanceof Callable) {
			List<Callable<?>> result = new ArrayList<>(tasks.size());
			for (Object task : tasks) {
				result.add(context.wrap((Callable) task));
			}
			return result;
		}
		return argument;
	}

}
