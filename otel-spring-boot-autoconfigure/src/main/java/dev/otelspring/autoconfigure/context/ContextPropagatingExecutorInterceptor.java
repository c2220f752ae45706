package dev.otelspring.autoconfigure.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import dev.otelspring.autoconfigure.internal.Guarded;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Wraps the tasks handed to an executor so that they run with the submitting thread's
 * OpenTelemetry context: a span started inside the task is a child of the caller's span.
 * Nothing is wrapped when the caller has no context.
 *
 * <p>
 * An executor that needs its tasks' own type (a {@code PriorityBlockingQueue} of
 * {@code Comparable} tasks, a {@code newTaskFor} that casts) rejects a wrapper with a
 * {@link ClassCastException} before it runs it; the submission is then made again with
 * the original tasks, which run without the caller's context. Thread-safe.
 */
final class ContextPropagatingExecutorInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(ContextPropagatingExecutorInterceptor.class);

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Context context = Context.current();
		if (context == Context.root() || !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		Object[] arguments = invocation.getArguments();
		List<ContextTask> tasks = new ArrayList<>(1);
		Object[] wrapped = arguments.clone();
		for (int i = 0; i < wrapped.length; i++) {
			wrapped[i] = wrap(context, wrapped[i], tasks);
		}
		if (tasks.isEmpty()) {
			return invocation.proceed();
		}
		MethodInvocation unwrapped = proxyInvocation.invocableClone(arguments.clone());
		proxyInvocation.setArguments(wrapped);
		try {
			return invocation.proceed();
		}
		catch (ClassCastException ex) {
			// Retry only if no wrapper ran or can still run: each one is claimed for
			// good.
			boolean abandoned = true;
			for (ContextTask task : tasks) {
				abandoned &= task.abandon();
			}
			if (!abandoned) {
				throw ex;
			}
			logger.debug("The executor does not accept context-carrying tasks; they run without the trace context", ex);
			return unwrapped.proceed();
		}
	}

	private static Object wrap(Context context, Object argument, List<ContextTask> tasks) {
		if (argument instanceof Runnable runnable) {
			return add(tasks, new RunnableTask(context, runnable));
		}
		if (argument instanceof Callable<?> callable) {
			return add(tasks, new CallableTask<>(context, callable));
		}
		if (argument instanceof Collection<?> collection && !collection.isEmpty()
				&& collection.iterator().next() instanceof Callable) {
			List<Callable<?>> result = new ArrayList<>(collection.size());
			for (Object task : collection) {
				result.add((task instanceof Callable<?> callable) ? add(tasks, new CallableTask<>(context, callable))
						: (Callable<?>) task);
			}
			return result;
		}
		return argument;
	}

	private static <T extends ContextTask> T add(List<ContextTask> tasks, T task) {
		tasks.add(task);
		return task;
	}

	/**
	 * A task that runs with the submitter's context. It runs at most once: either it
	 * starts, or it is abandoned when the submission is retried with the original task.
	 */
	private abstract static class ContextTask {

		private static final int NEW = 0;

		private static final int RUNNING = 1;

		private static final int ABANDONED = 2;

		final Context context;

		private final AtomicInteger state = new AtomicInteger(NEW);

		ContextTask(Context context) {
			this.context = context;
		}

		boolean start() {
			return this.state.compareAndSet(NEW, RUNNING);
		}

		boolean abandon() {
			return this.state.compareAndSet(NEW, ABANDONED) || this.state.get() == ABANDONED;
		}

	}

	private static final class RunnableTask extends ContextTask implements Runnable {

		private final Runnable task;

		RunnableTask(Context context, Runnable task) {
			super(context);
			this.task = task;
		}

		@Override
		public void run() {
			if (!start()) {
				return;
			}
			Scope scope = Guarded.makeCurrent(this.context, logger);
			try {
				this.task.run();
			}
			finally {
				Guarded.close(scope, logger);
			}
		}

		@Override
		public String toString() {
			return this.task.toString();
		}

	}

	private static final class CallableTask<V> extends ContextTask implements Callable<V> {

		private final Callable<V> task;

		CallableTask(Context context, Callable<V> task) {
			super(context);
			this.task = task;
		}

		@Override
		public V call() throws Exception {
			if (!start()) {
				return null;
			}
			Scope scope = Guarded.makeCurrent(this.context, logger);
			try {
				return this.task.call();
			}
			finally {
				Guarded.close(scope, logger);
			}
		}

		@Override
		public String toString() {
			return this.task.toString();
		}

	}

}
