package dev.otelspring.autoconfigure.sdk;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * Spring Boot's own OpenTelemetry auto-configurations (Actuator's in Boot 3.5, the
 * {@code spring-boot-opentelemetry} and
 * {@code spring-boot-micrometer-tracing-opentelemetry} modules in Boot 4), which this
 * starter runs before, so that its SDK beans are the application's and Boot's back off;
 * and the beans Boot declares regardless (its W3C and baggage propagators, an OTLP
 * exporter from {@code management.*} keys), which the SDK leaves out.
 */
public final class SpringBootOpenTelemetry {

	/** Boot 3.5: the SDK, resource and {@code OpenTelemetry} bean. */
	public static final String BOOT3_SDK = "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration";

	/**
	 * Boot 3.5: tracer provider, sampler, propagators, span processor, Micrometer's
	 * tracer.
	 */
	public static final String BOOT3_TRACING = "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration";

	/** Boot 3.5: the OTLP span exporter. */
	public static final String BOOT3_OTLP = "org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration";

	/** Boot 4: the SDK, resource and {@code OpenTelemetry} bean. */
	public static final String BOOT4_SDK = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration";

	/**
	 * Boot 4: tracer provider, sampler, propagators, span processor, Micrometer's tracer.
	 */
	public static final String BOOT4_TRACING = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

	/** Boot 4: the OTLP span exporter. */
	public static final String BOOT4_OTLP = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration";

	/** Boot 3.5: the logger provider and its batch processor. */
	public static final String BOOT3_LOGGING = "org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration";

	/** Boot 4: the logger provider and its batch processor. */
	public static final String BOOT4_LOGGING = "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration";

	/** Boot 4: the OTLP log record exporter. */
	public static final String BOOT4_OTLP_LOGGING = "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration";

	private static final String SPRING_BOOT_PACKAGE = "org.springframework.boot.";

	private SpringBootOpenTelemetry() {
	}

	/**
	 * Returns the beans of a type, in order, without those that Spring Boot's own
	 * auto-configuration declares.
	 * @param <T> the type
	 * @param beanFactory the bean factory
	 * @param beans the beans of that type
	 * @param type the type
	 * @return the application's beans of that type
	 */
	public static <T> List<T> withoutBootsOwn(ConfigurableListableBeanFactory beanFactory, ObjectProvider<T> beans,
			Class<T> type) {
		Map<String, T> all = beanFactory.getBeansOfType(type);
		Set<Object> boots = all.entrySet()
			.stream()
			.filter((entry) -> isDeclaredBySpringBoot(beanFactory, entry.getKey()))
			.map(Map.Entry::getValue)
			.collect(Collectors.toCollection(() -> Collections.newSetFromMap(new IdentityHashMap<>())));
		return beans.orderedStream().filter((bean) -> !boots.contains(bean)).toList();
	}

	private static boolean isDeclaredBySpringBoot(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		String declaringClass = null;
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			if (factoryMethod != null) {
				declaringClass = factoryMethod.getDeclaringClassName();
			}
		}
		if (declaringClass == null && definition.getFactoryBeanName() != null
				&& beanFactory.containsBeanDefinition(definition.getFactoryBeanName())) {
			declaringClass = beanFactory.getBeanDefinition(definition.getFactoryBeanName()).getBeanClassName();
		}
		return declaringClass != null && declaringClass.startsWith(SPRING_BOOT_PACKAGE);
	}

}
