package dev.otelspring.autoconfigure.web.client;

import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link WebClientTracingFilter} to every {@code WebClient.Builder} bean (Spring
 * Boot's, a new one each time it is injected, and the application's) and to every
 * {@code WebClient} bean, once. Builders cloned from a traced one keep the filter.
 */
final class WebClientTracingPostProcessor implements BeanPostProcessor {

	private final Supplier<WebClientTracingFilter> filter;

	WebClientTracingPostProcessor(ObjectProvider<WebClientTracingFilter> filter) {
		this.filter = filter::getObject;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof WebClient.Builder builder) {
			addTracing(builder);
		}
		else if (bean instanceof WebClient webClient) {
			WebClient.Builder builder = webClient.mutate();
			if (addTracing(builder)) {
				return builder.build();
			}
		}
		return bean;
	}

	private boolean addTracing(WebClient.Builder builder) {
		boolean[] added = new boolean[1];
		builder.filters((filters) -> {
			if (filters.stream().noneMatch(WebClientTracingFilter.class::isInstance)) {
				filters.add(0, this.filter.get());
				added[0] = true;
			}
		});
		return added[0];
	}

}
