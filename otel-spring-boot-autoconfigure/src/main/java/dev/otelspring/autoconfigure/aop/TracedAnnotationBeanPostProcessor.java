package dev.otelspring.autoconfigure.aop;

import io.opentelemetry.api.OpenTelemetry;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Proxies every bean with a {@link dev.otelspring.annotation.Traced} method and advises
 * those methods, with Spring AOP alone (no AspectJ weaver needed). A bean that is already
 * a proxy gets the advice added to it. The {@link OpenTelemetry} bean is looked up on the
 * first traced call, so this post-processor forces no bean to be created early.
 */
final class TracedAnnotationBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	TracedAnnotationBeanPostProcessor(ObjectProvider<OpenTelemetry> openTelemetry, boolean proxyTargetClass) {
		LazyInterceptor interceptor = new LazyInterceptor(openTelemetry);
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new TracedPointcut(), interceptor);
		this.advisor = advisor;
		setBeforeExistingAdvisors(true);
		setProxyTargetClass(proxyTargetClass);
	}

	/** Creates the real interceptor on first use. */
	private static final class LazyInterceptor implements org.aopalliance.intercept.MethodInterceptor {

		private final ObjectProvider<OpenTelemetry> openTelemetry;

		private volatile TracedMethodInterceptor delegate;

		LazyInterceptor(ObjectProvider<OpenTelemetry> openTelemetry) {
			this.openTelemetry = openTelemetry;
		}

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			TracedMethodInterceptor interceptor = this.delegate;
			if (interceptor == null) {
				OpenTelemetry otel = this.openTelemetry.getIfAvailable(OpenTelemetry::noop);
				interceptor = new TracedMethodInterceptor(otel);
				this.delegate = interceptor;
			}
			return interceptor.invoke(invocation);
		}

	}

}
