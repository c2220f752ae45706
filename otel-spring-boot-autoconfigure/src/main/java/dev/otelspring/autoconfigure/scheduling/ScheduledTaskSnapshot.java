package dev.otelspring.autoconfigure.scheduling;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.Task;

/**
 * The first {@code SchedulingConfigurer} to run: it notes the tasks the registrar holds
 * before any configurer adds its own, which are the {@code @Scheduled} methods' (traced
 * by their proxies), so that {@link ScheduledTaskTracingConfigurer} wraps only the tasks
 * that configurers added.
 */
final class ScheduledTaskSnapshot implements SchedulingConfigurer, Ordered {

	private final Set<Task> annotated = Collections.newSetFromMap(new IdentityHashMap<>());

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		synchronized (this.annotated) {
			this.annotated.addAll(registrar.getTriggerTaskList());
			this.annotated.addAll(registrar.getCronTaskList());
			this.annotated.addAll(registrar.getFixedRateTaskList());
			this.annotated.addAll(registrar.getFixedDelayTaskList());
		}
	}

	boolean isAnnotated(Task task) {
		synchronized (this.annotated) {
			return this.annotated.contains(task);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
