package dev.otelspring.autoconfigure.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.otelspring.autoconfigure.config.SchedulingTracingSettings;

import org.springframework.core.Ordered;
import org.springframework.scheduling.SchedulingAwareRunnable;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.Task;
import org.springframework.scheduling.config.TriggerTask;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The last {@code SchedulingConfigurer} to run: it replaces each task that a configurer
 * registered (trigger, cron, fixed rate, fixed delay) with the same task whose runnable
 * makes each run the root span of a trace of its own. The span is named after the
 * runnable: {@code CacheWarmer.run} for a class, {@code JobsConfig.lambda} for a lambda
 * declared in {@code JobsConfig}, or the runnable's own {@code toString()} where its
 * class overrides it. Excluded jobs are matched against those names.
 */
final class ScheduledTaskTracingConfigurer implements SchedulingConfigurer, Ordered {

	/**
	 * {@code Object.toString()} of a class or a lambda: {@code a.b.C@1f},
	 * {@code a.b.C$$Lambda/0x1@1f}.
	 */
	private static final Pattern DEFAULT_TO_STRING = Pattern.compile("([\\w.$]+?)(\\$\\$Lambda\\S*)?@[0-9a-f]+");

	private static final int MAX_NAME_LENGTH = 128;

	private final ScheduledTaskSnapshot snapshot;

	private final ScheduledRuns runs;

	private final SchedulingTracingSettings settings;

	ScheduledTaskTracingConfigurer(ScheduledTaskSnapshot snapshot, ScheduledRuns runs,
			SchedulingTracingSettings settings) {
		this.snapshot = snapshot;
		this.runs = runs;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		List<TriggerTask> triggerTasks = wrap(registrar.getTriggerTaskList(),
				(task) -> new TriggerTask(traced(task), task.getTrigger()));
		if (triggerTasks != null) {
			registrar.setTriggerTasksList(triggerTasks);
		}
		List<CronTask> cronTasks = wrap(registrar.getCronTaskList(),
				(task) -> new CronTask(traced(task), (CronTrigger) task.getTrigger()));
		if (cronTasks != null) {
			registrar.setCronTasksList(cronTasks);
		}
		List<IntervalTask> fixedRateTasks = wrap(registrar.getFixedRateTaskList(),
				(task) -> new FixedRateTask(traced(task), task.getIntervalDuration(), task.getInitialDelayDuration()));
		if (fixedRateTasks != null) {
			registrar.setFixedRateTasksList(fixedRateTasks);
		}
		List<IntervalTask> fixedDelayTasks = wrap(registrar.getFixedDelayTaskList(),
				(task) -> new FixedDelayTask(traced(task), task.getIntervalDuration(), task.getInitialDelayDuration()));
		if (fixedDelayTasks != null) {
			registrar.setFixedDelayTasksList(fixedDelayTasks);
		}
	}

	// The list with each configurer's task replaced by its traced copy, or null when
	// there is none to replace.
	private <T extends Task> List<T> wrap(List<T> tasks, UnaryOperator<T> copy) {
		List<T> wrapped = new ArrayList<>(tasks.size());
		boolean changed = false;
		for (T task : tasks) {
			if (this.snapshot.isAnnotated(task)) {
				wrapped.add(task);
				continue;
			}
			wrapped.add(copy.apply(task));
			changed = true;
		}
		return changed ? wrapped : null;
	}

	private Runnable traced(Task task) {
		String[] name = name(task.getRunnable());
		if (this.settings.isExcluded(name[2], name[3])) {
			return task.getRunnable();
		}
		return new TracedRun(task.getRunnable(), name[0], name[1], this.runs);
	}

	// The span name, the code.function.name, and the class and method that excluded
	// jobs are matched against.
	static String[] name(Runnable runnable) {
		String text = String.valueOf(runnable);
		Matcher matcher = DEFAULT_TO_STRING.matcher(text);
		if (matcher.matches()) {
			String className = matcher.group(1);
			String method = (matcher.group(2) != null) ? "lambda" : "run";
			return new String[] { simpleName(className) + "." + method, className + "." + method, className, method };
		}
		String name = (text.length() > MAX_NAME_LENGTH) ? text.substring(0, MAX_NAME_LENGTH) : text;
		return new String[] { name, name, name, "run" };
	}

	private static String simpleName(String className) {
		String simple = className.substring(className.lastIndexOf('.') + 1);
		int nested = simple.lastIndexOf('$');
		if (nested >= 0 && nested < simple.length() - 1 && !Character.isDigit(simple.charAt(nested + 1))) {
			return simple.substring(nested + 1);
		}
		return simple;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** A configurer's task, each run a root span. */
	static final class TracedRun implements SchedulingAwareRunnable {

		private final Runnable delegate;

		private final String name;

		private final String function;

		private final ScheduledRuns runs;

		TracedRun(Runnable delegate, String name, String function, ScheduledRuns runs) {
			this.delegate = delegate;
			this.name = name;
			this.function = function;
			this.runs = runs;
		}

		@Override
		public void run() {
			ScheduledRuns.Run run = this.runs.start(this.name, this.function);
			try {
				this.delegate.run();
			}
			catch (RuntimeException | Error ex) {
				this.runs.fail(run, ex);
				throw ex;
			}
			finally {
				this.runs.end(run);
			}
		}

		@Override
		public boolean isLongLived() {
			return (this.delegate instanceof SchedulingAwareRunnable aware) && aware.isLongLived();
		}

		@Override
		public String getQualifier() {
			return (this.delegate instanceof SchedulingAwareRunnable aware) ? aware.getQualifier() : null;
		}

		@Override
		public String toString() {
			return this.delegate.toString();
		}

	}

}
