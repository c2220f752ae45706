package dev.otelspring.autoconfigure.scheduling;

import dev.otelspring.autoconfigure.config.SchedulingTracingSettings;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * Proxies every bean with a {@code @Scheduled} method and advises those methods. Runs
 * before Spring's {@code ScheduledAnnotationBeanPostProcessor}, so that the scheduler
 * calls the proxy; a bean that is already a proxy gets the advice added to it.
 */
final class ScheduledSpanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	ScheduledSpanPostProcessor(ScheduledRuns runs, SchedulingTracingSettings settings, boolean proxyTargetClass) {
		this.advisor = new DefaultPointcutAdvisor(new ScheduledMethodPointcut(settings),
				new ScheduledSpanInterceptor(runs));
		setBeforeExistingAdvisors(true);
		setProxyTargetClass(proxyTargetClass);
		setOrder(Ordered.LOWEST_PRECEDENCE - 10);
	}

}
