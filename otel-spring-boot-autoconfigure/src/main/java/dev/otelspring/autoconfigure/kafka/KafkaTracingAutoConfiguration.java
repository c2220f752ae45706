package dev.otelspring.autoconfigure.kafka;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.kafka.clients.producer.Producer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Auto-configuration of Kafka spans: a PRODUCER span for every record sent through a
 * producer that a Spring {@code DefaultKafkaProducerFactory} creates (so every
 * {@code KafkaTemplate}), with the trace context in the record headers, and a CONSUMER
 * span for every record a record listener processes, continuing that trace. Switched off
 * with {@code otel.instrumentation.kafka.enabled=false} (the official starter's key).
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, Producer.class, DefaultKafkaProducerFactory.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation("kafka")
public final class KafkaTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KafkaTracing otelKafkaTracing(OpenTelemetry openTelemetry) {
		return new KafkaTracing(openTelemetry);
	}

	@Bean
	static KafkaTracingPostProcessor otelKafkaTracingPostProcessor(ObjectProvider<KafkaTracing> tracing) {
		return new KafkaTracingPostProcessor(tracing);
	}

}
