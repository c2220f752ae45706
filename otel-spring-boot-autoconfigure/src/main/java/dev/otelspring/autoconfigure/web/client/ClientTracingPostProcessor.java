package dev.otelspring.autoconfigure.web.client;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the {@link ClientTracingInterceptor} to every {@link RestTemplate} bean and every
 * {@link RestClient.Builder} bean (including Spring Boot's auto-configured,
 * prototype-scoped one), after any interceptor the application set, exactly once: an
 * instance that already has it is left as it is, whatever order beans are created in.
 */
final class ClientTracingPostProcessor implements BeanPostProcessor {

	private static final boolean REST_CLIENT_PRESENT = ClassUtils.isPresent("org.springframework.web.client.RestClient",
			ClientTracingPostProcessor.class.getClassLoader());

	private final ObjectProvider<ClientTracingInterceptor> interceptor;

	ClientTracingPostProcessor(ObjectProvider<ClientTracingInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplate restTemplate) {
			addTo(restTemplate.getInterceptors());
		}
		else if (REST_CLIENT_PRESENT && bean instanceof RestClient.Builder builder) {
			builder.requestInterceptors(this::addTo);
		}
		return bean;
	}

	private void addTo(List<ClientHttpRequestInterceptor> interceptors) {
		addTracing(interceptors, this.interceptor);
	}

	/**
	 * Adds the tracing interceptor at the end of the list, unless the list has it
	 * already.
	 * @param interceptors a client's interceptors
	 * @param interceptor the tracing interceptor, if there is one
	 */
	static void addTracing(List<ClientHttpRequestInterceptor> interceptors,
			ObjectProvider<ClientTracingInterceptor> interceptor) {
		if (interceptors.stream().noneMatch(ClientTracingInterceptor.class::isInstance)) {
			interceptor.ifAvailable(interceptors::add);
		}
	}

}
