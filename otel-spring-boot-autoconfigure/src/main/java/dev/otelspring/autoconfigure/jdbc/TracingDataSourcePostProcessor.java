package dev.otelspring.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.otelspring.autoconfigure.config.JdbcTracingSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Traces every {@code DataSource} bean, once: wraps it in a Spring AOP proxy whose advice
 * traces the connections it hands out. The proxy is of the data source's own class when
 * that class can be subclassed (so a {@code HikariDataSource} bean is still a
 * {@code HikariDataSource}), of all its interfaces otherwise; either way it is an AOP
 * proxy of a single target, which Spring Boot's {@code DataSourceUnwrapper} sees through,
 * and {@code unwrap} reaches the data source itself.
 *
 * <p>
 * Left alone: a data source already traced by this starter, one already wrapped by
 * another tracing library (OpenTelemetry's JDBC instrumentation, datasource-proxy,
 * P6Spy), a routing data source (its targets are traced), a delegating data source whose
 * target is traced, the target of a scoped proxy, and the beans named in
 * {@link JdbcTracingSettings#excludedDataSources()}.
 */
final class TracingDataSourcePostProcessor implements BeanPostProcessor, Ordered {

	private static final Log logger = LogFactory.getLog(TracingDataSourcePostProcessor.class);

	private static final String[] OTHER_TRACING_WRAPPERS = { "io.opentelemetry.instrumentation.", "net.ttddyy.dsproxy.",
			"net.ttddyy.observation.", "com.p6spy." };

	private static final String ROUTING_DATA_SOURCE = "org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource";

	private static final String DELEGATING_DATA_SOURCE = "org.springframework.jdbc.datasource.DelegatingDataSource";

	private final ObjectProvider<JdbcTracing> tracing;

	private final ObjectProvider<JdbcTracingSettings> settings;

	TracingDataSourcePostProcessor(ObjectProvider<JdbcTracing> tracing, ObjectProvider<JdbcTracingSettings> settings) {
		this.tracing = tracing;
		this.settings = settings;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource) || !shouldTrace(dataSource, beanName)) {
			return bean;
		}
		try {
			return proxy(dataSource, beanName, this.tracing::getObject);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("Could not trace data source '" + beanName + "'; it is used untraced", ex);
			return bean;
		}
	}

	private boolean shouldTrace(DataSource dataSource, String beanName) {
		if (ScopedProxyUtils.isScopedTarget(beanName) || isTraced(dataSource)
				|| isSubclassOf(dataSource.getClass(), ROUTING_DATA_SOURCE)) {
			return false;
		}
		JdbcTracingSettings settings = this.settings.getIfAvailable();
		if (settings != null && settings.excludedDataSources().contains(beanName)) {
			return false;
		}
		String className = dataSource.getClass().getName();
		for (String prefix : OTHER_TRACING_WRAPPERS) {
			if (className.startsWith(prefix)) {
				logger.info("Data source '" + beanName + "' is already wrapped by " + className
						+ "; it is not traced a second time");
				return false;
			}
		}
		return !delegatesToTraced(dataSource);
	}

	/**
	 * Returns whether the data source is a proxy made by this post-processor.
	 * @param dataSource a data source
	 * @return whether it is traced already
	 */
	static boolean isTraced(DataSource dataSource) {
		if (dataSource instanceof Advised advised) {
			for (Advisor advisor : advised.getAdvisors()) {
				if (advisor.getAdvice() instanceof TracingDataSourceInterceptor) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean delegatesToTraced(DataSource dataSource) {
		if (!isSubclassOf(dataSource.getClass(), DELEGATING_DATA_SOURCE)) {
			return false;
		}
		try {
			Object target = dataSource.getClass().getMethod("getTargetDataSource").invoke(dataSource);
			return target instanceof DataSource targetDataSource
					&& (isTraced(targetDataSource) || delegatesToTraced(targetDataSource));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Returns a traced proxy of the data source.
	 * @param dataSource the data source
	 * @param name its name, for the connection spans
	 * @param tracing the tracing, looked up on first use
	 * @return the proxy
	 */
	static DataSource proxy(DataSource dataSource, String name, Supplier<JdbcTracing> tracing) {
		ProxyFactory factory = new ProxyFactory(dataSource);
		factory.addAdvice(new TracingDataSourceInterceptor(name, tracing));
		ClassLoader classLoader = dataSource.getClass().getClassLoader();
		if (canSubclass(dataSource.getClass())) {
			factory.setProxyTargetClass(true);
			try {
				return (DataSource) factory.getProxy(classLoader);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Could not subclass " + dataSource.getClass().getName() + "; proxying its interfaces", ex);
				factory.setProxyTargetClass(false);
			}
		}
		return (DataSource) factory.getProxy(classLoader);
	}

	/**
	 * Returns whether a subclass proxy would route every public method to the target: the
	 * class is public and not final, not a JDK proxy, and declares no final public or
	 * protected instance method (which a subclass could not route, so it would run on the
	 * proxy's empty state).
	 * @param type the data source's class
	 * @return whether to proxy the class rather than its interfaces
	 */
	static boolean canSubclass(Class<?> type) {
		if (!Modifier.isPublic(type.getModifiers()) || Modifier.isFinal(type.getModifiers()) || Proxy.isProxyClass(type)
				|| type.getName().contains("$$")) {
			return false;
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				int modifiers = method.getModifiers();
				if (Modifier.isFinal(modifiers) && !Modifier.isStatic(modifiers)
						&& (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean isSubclassOf(Class<?> type, String className) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			if (current.getName().equals(className)) {
				return true;
			}
		}
		return false;
	}

}
