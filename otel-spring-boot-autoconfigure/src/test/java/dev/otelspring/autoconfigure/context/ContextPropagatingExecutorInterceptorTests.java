package dev.otelspring.autoconfigure.context;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks carry the submitter's context, and an executor that needs its tasks' own type
 * still gets them, with no exception into the caller.
 */
class ContextPropagatingExecutorInterceptorTests {

	private static final SpanContext CALLER = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
			TraceFlags.getSampled(), TraceState.getDefault());

	private ThreadPoolExecutor executor;

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void aTaskRunsInTheSubmittersContext() throws Exception {
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		ExecutorService proxy = proxy(this.executor);
		AtomicReference<SpanContext> seen = new AtomicReference<>();
		try (Scope scope = Context.root().with(Span.wrap(CALLER)).makeCurrent()) {
			proxy.submit(() -> seen.set(Span.current().getSpanContext())).get(10, TimeUnit.SECONDS);
		}
		assertThat(seen.get()).isEqualTo(CALLER);
	}

	@Test
	void aPriorityQueueOfComparableTasksStillTakesThem() throws Exception {
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>());
		ExecutorService proxy = proxy(this.executor);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch ran = new CountDownLatch(2);
		// Occupies the only thread, so the next tasks go to the queue, which compares
		// them.
		proxy.execute(new PrioritizedTask(0, () -> await(release)));
		try (Scope scope = Context.root().with(Span.wrap(CALLER)).makeCurrent()) {
			proxy.execute(new PrioritizedTask(2, ran::countDown));
			proxy.execute(new PrioritizedTask(1, ran::countDown));
		}
		release.countDown();
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void anExecutorThatCastsItsTasksStillTakesThem() throws Exception {
		this.executor = new TypedExecutor();
		ExecutorService proxy = proxy(this.executor);
		Future<String> result;
		try (Scope scope = Context.root().with(Span.wrap(CALLER)).makeCurrent()) {
			result = proxy.submit(new Job());
		}
		assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("done");
		try (Scope scope = Context.root().with(Span.wrap(CALLER)).makeCurrent()) {
			assertThat(proxy.invokeAll(List.of(new Job(), new Job()))).hasSize(2);
		}
	}

	@Test
	void aTaskThatThrowsOnTheCallingThreadIsNotRunTwice() {
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task, pool) -> task.run());
		this.executor.shutdown();
		ExecutorService proxy = proxy(this.executor);
		int[] runs = new int[1];
		try (Scope scope = Context.root().with(Span.wrap(CALLER)).makeCurrent()) {
			proxy.execute(() -> {
				runs[0]++;
				throw new ClassCastException("the task's own failure");
			});
		}
		catch (ClassCastException ex) {
			assertThat(ex).hasMessage("the task's own failure");
		}
		assertThat(runs[0]).isEqualTo(1);
	}

	private static ExecutorService proxy(ExecutorService executor) {
		ProxyFactory factory = new ProxyFactory(executor);
		factory.addInterface(ExecutorService.class);
		factory.addAdvice(new ContextPropagatingExecutorInterceptor());
		return (ExecutorService) factory.getProxy();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record PrioritizedTask(int priority, Runnable work) implements Runnable, Comparable<PrioritizedTask> {

		@Override
		public void run() {
			this.work.run();
		}

		@Override
		public int compareTo(PrioritizedTask other) {
			return Integer.compare(this.priority, other.priority);
		}

	}

	static final class Job implements Callable<String> {

		@Override
		public String call() {
			return "done";
		}

	}

	/** Casts every task to its own type, as executors with typed tasks do. */
	static final class TypedExecutor extends ThreadPoolExecutor {

		TypedExecutor() {
			super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

		@Override
		protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
			Job.class.cast(callable);
			return new FutureTask<>(callable);
		}

	}

}
