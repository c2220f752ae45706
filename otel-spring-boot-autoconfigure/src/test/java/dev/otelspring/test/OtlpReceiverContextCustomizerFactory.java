package dev.otelspring.test;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts the {@link OtlpHttpReceiver} of a test class annotated with
 * {@link WithOtlpReceiver} (registered in {@code META-INF/spring.factories}).
 */
class OtlpReceiverContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, WithOtlpReceiver.class)
				? new OtlpReceiverContextCustomizer() : null;
	}

	private static final class OtlpReceiverContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("otlpReceiver",
						Map.of("otel.exporter.otlp.endpoint", receiver.endpoint())));
			DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
			beanFactory.registerSingleton("otlpHttpReceiver", receiver);
			// Registered before every other bean, so destroyed after them all: the SDK's
			// last flush
			// on close still has a receiver.
			beanFactory.registerDisposableBean("otlpHttpReceiver", receiver::close);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof OtlpReceiverContextCustomizer;
		}

		@Override
		public int hashCode() {
			return OtlpReceiverContextCustomizer.class.hashCode();
		}

	}

}
