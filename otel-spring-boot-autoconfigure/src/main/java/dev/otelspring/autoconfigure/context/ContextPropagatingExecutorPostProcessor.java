package dev.otelspring.autoconfigure.context;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Makes every {@link Executor} bean ({@code TaskExecutor},
 * {@code ThreadPoolTaskExecutor}, {@code ExecutorService}, the executor behind
 * {@code @Async}) carry the caller's OpenTelemetry context into the tasks it runs. Only
 * task submission is advised ({@code execute}, {@code submit}, {@code submitCompletable},
 * {@code invokeAll}, {@code invokeAny}); scheduling methods are not, so
 * {@code @Scheduled} work starts its own trace. Executors named in the exclusion list are
 * left alone, and so is any executor that cannot be proxied.
 */
final class ContextPropagatingExecutorPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final Log logger = LogFactory.getLog(ContextPropagatingExecutorPostProcessor.class);

	private static final Set<String> SUBMISSION_METHODS = Set.of("execute", "submit", "submitCompletable",
			"submitListenable", "invokeAll", "invokeAny");

	private final Set<String> excludedBeans;

	private ConfigurableListableBeanFactory listableBeanFactory;

	ContextPropagatingExecutorPostProcessor(Set<String> excludedBeans) {
		this.excludedBeans = Set.copyOf(excludedBeans);
		StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, Class<?> targetClass) {
				return SUBMISSION_METHODS.contains(method.getName()) && method.getParameterCount() > 0
						&& (Runnable.class.isAssignableFrom(method.getParameterTypes()[0])
								|| Callable.class.isAssignableFrom(method.getParameterTypes()[0])
								|| java.util.Collection.class.isAssignableFrom(method.getParameterTypes()[0]));
			}

		};
		pointcut.setClassFilter(ClassFilter.TRUE);
		this.advisor = new DefaultPointcutAdvisor(pointcut, new ContextPropagatingExecutorInterceptor());
		setProxyTargetClass(true);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.listableBeanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	protected boolean isEligible(Object bean, String beanName) {
		if (!(bean instanceof Executor) || this.excludedBeans.contains(beanName)) {
			return false;
		}
		if (isJdkClass(bean) && !declaredAsInterface(beanName)) {
			// A JDK class cannot be subclassed, and an interface proxy would break
			// injection by class.
			return false;
		}
		return super.isEligible(bean, beanName);
	}

	@Override
	protected ProxyFactory prepareProxyFactory(Object bean, String beanName) {
		ProxyFactory factory = super.prepareProxyFactory(bean, beanName);
		if (isJdkClass(bean)) {
			factory.setProxyTargetClass(false);
		}
		return factory;
	}

	private static boolean isJdkClass(Object bean) {
		return bean.getClass().getName().startsWith("java.");
	}

	private boolean declaredAsInterface(String beanName) {
		if (this.listableBeanFactory == null || beanName == null
				|| !this.listableBeanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = this.listableBeanFactory.getMergedBeanDefinition(beanName);
		if (definition instanceof RootBeanDefinition root) {
			Method factoryMethod = root.getResolvedFactoryMethod();
			Class<?> declared = (factoryMethod != null) ? factoryMethod.getReturnType()
					: root.hasBeanClass() ? root.getBeanClass() : null;
			return declared != null && declared.isInterface();
		}
		return false;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		try {
			return super.postProcessAfterInitialization(bean, beanName);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Executor '" + beanName + "' cannot be proxied; its tasks will not carry the trace context",
					ex);
			return bean;
		}
	}

}
