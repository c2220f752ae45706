package dev.otelspring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestTemplate;

/**
 * Builds a {@link RestTemplate} from Spring Boot's {@code RestTemplateBuilder} bean,
 * whichever line of Spring Boot provides it (the class moved in Spring Boot 4), so that
 * the same tests run on both.
 */
public final class BootRestTemplateBuilder {

	private static final String BOOT3 = "org.springframework.boot.web.client.RestTemplateBuilder";

	private static final String BOOT4 = "org.springframework.boot.restclient.RestTemplateBuilder";

	private BootRestTemplateBuilder() {
	}

	public static RestTemplate build(ApplicationContext context) {
		ClassLoader classLoader = BootRestTemplateBuilder.class.getClassLoader();
		String name = ClassUtils.isPresent(BOOT4, classLoader) ? BOOT4 : BOOT3;
		Class<?> type = ClassUtils.resolveClassName(name, classLoader);
		Object builder = context.getBean(type);
		return (RestTemplate) ReflectionUtils.invokeMethod(ReflectionUtils.findMethod(type, "build"), builder);
	}

}
