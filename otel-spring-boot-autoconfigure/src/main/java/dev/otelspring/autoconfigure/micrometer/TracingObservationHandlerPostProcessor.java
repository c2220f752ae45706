package dev.otelspring.autoconfigure.micrometer;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps each Micrometer tracing handler bean (Spring Boot's default, sender and receiver
 * handlers, or the application's) in a {@link SkippingTracingObservationHandler}, once.
 */
final class TracingObservationHandlerPostProcessor implements BeanPostProcessor {

	private final List<Class<?>> skipped;

	TracingObservationHandlerPostProcessor(List<Class<?>> skipped) {
		this.skipped = skipped;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof TracingObservationHandler<?> handler && !(bean instanceof SkippingTracingObservationHandler)
				&& !this.skipped.isEmpty()) {
			return new SkippingTracingObservationHandler((TracingObservationHandler<Observation.Context>) handler,
					this.skipped);
		}
		return bean;
	}

}
