package dev.otelspring.autoconfigure.kafka;

import java.lang.reflect.Field;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerPostProcessor;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.ReflectionUtils;

/**
 * Traces what Spring builds for Kafka, once per bean: every
 * {@link DefaultKafkaProducerFactory} gets a producer post-processor that wraps the
 * producers it creates, and every listener container factory a record interceptor and a
 * batch interceptor, around the ones the application set.
 */
final class KafkaTracingPostProcessor implements BeanPostProcessor {

	private static final Field RECORD_INTERCEPTOR = ReflectionUtils
		.findField(AbstractKafkaListenerContainerFactory.class, "recordInterceptor");

	private static final Field BATCH_INTERCEPTOR = ReflectionUtils
		.findField(AbstractKafkaListenerContainerFactory.class, "batchInterceptor");

	private final Supplier<KafkaTracing> tracing;

	KafkaTracingPostProcessor(ObjectProvider<KafkaTracing> tracing) {
		this.tracing = tracing::getObject;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DefaultKafkaProducerFactory<?, ?> factory) {
			if (factory.getPostProcessors().stream().noneMatch(TracingProducerPostProcessor.class::isInstance)) {
				Object clientId = factory.getConfigurationProperties().get(ProducerConfig.CLIENT_ID_CONFIG);
				((DefaultKafkaProducerFactory) factory).addPostProcessor(new TracingProducerPostProcessor(this.tracing,
						(clientId != null) ? String.valueOf(clientId) : null));
			}
		}
		else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			Object existing = current(RECORD_INTERCEPTOR, factory);
			if (!(existing instanceof TracingRecordInterceptor)) {
				((AbstractKafkaListenerContainerFactory) factory).setRecordInterceptor(
						new TracingRecordInterceptor(this.tracing, (RecordInterceptor<Object, Object>) existing));
			}
			Object existingBatch = current(BATCH_INTERCEPTOR, factory);
			if (!(existingBatch instanceof TracingBatchInterceptor)) {
				((AbstractKafkaListenerContainerFactory) factory).setBatchInterceptor(
						new TracingBatchInterceptor(this.tracing, (BatchInterceptor<Object, Object>) existingBatch));
			}
		}
		return bean;
	}

	// The interceptor the application set on the factory, read from its field.
	private static Object current(Field field, AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, factory);
	}

	/** Wraps each producer the factory creates. */
	static final class TracingProducerPostProcessor implements ProducerPostProcessor<Object, Object> {

		private final Supplier<KafkaTracing> tracing;

		private final String clientId;

		TracingProducerPostProcessor(Supplier<KafkaTracing> tracing, String clientId) {
			this.tracing = tracing;
			this.clientId = clientId;
		}

		@Override
		public org.apache.kafka.clients.producer.Producer<Object, Object> apply(
				org.apache.kafka.clients.producer.Producer<Object, Object> producer) {
			return TracingProducerHandler.wrap(producer, this.tracing, this.clientId);
		}

	}

}
