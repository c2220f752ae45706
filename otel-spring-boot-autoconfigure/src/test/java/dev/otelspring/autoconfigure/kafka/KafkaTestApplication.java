package dev.otelspring.autoconfigure.kafka;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application that publishes to Kafka inside a request and consumes the
 * records with a record listener and a batch listener that write to a database, for the
 * Kafka tests. A record that fails twice goes to the dead-letter topic.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KafkaTestApplication {

	static final String TOPIC = "shipments";

	static final String DEAD_LETTER_TOPIC = "shipments-dlt";

	static final String BATCH_TOPIC = "audits";

	static final String HOLD_TOPIC = "holds";

	/** Counts down when the holding listener has a record. */
	static final CountDownLatch holding = new CountDownLatch(1);

	/** Lets the holding listener return. */
	static final CountDownLatch release = new CountDownLatch(1);

	/** Counts the Kafka spans that have started and not ended. */
	@Bean
	OpenSpans openSpans() {
		return new OpenSpans();
	}

	/** One retry, at once, then the record goes to the dead-letter topic. */
	@Bean
	CommonErrorHandler errorHandler(KafkaTemplate<Object, Object> kafka) {
		return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafka), new FixedBackOff(0, 1));
	}

	/** A factory of batch listener containers, made by the application itself. */
	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(ConsumerFactory<Object, Object> consumers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.setBatchListener(true);
		return factory;
	}

	@RestController
	static class Publisher {

		private final KafkaTemplate<String, String> kafka;

		Publisher(KafkaTemplate<String, String> kafka) {
			this.kafka = kafka;
		}

		@PostMapping("/shipments/{id}")
		String publish(@PathVariable String id) throws Exception {
			return String.valueOf(this.kafka.send(TOPIC, id, "ship " + id).get().getRecordMetadata().offset());
		}

		@PostMapping("/audits/{id}")
		void audit(@PathVariable String id) throws Exception {
			for (int i = 1; i <= 3; i++) {
				this.kafka.send(BATCH_TOPIC, id + "-" + i, "audit").get();
			}
		}

	}

	static class Shipper {

		private static final Log logger = LogFactory.getLog(Shipper.class);

		private final JdbcTemplate jdbc;

		Shipper(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
			jdbc.execute("CREATE TABLE IF NOT EXISTS shipped (id VARCHAR(64))");
			jdbc.execute("CREATE TABLE IF NOT EXISTS audited (id VARCHAR(64))");
		}

		@KafkaListener(topics = TOPIC, groupId = "shipping")
		void ship(ConsumerRecord<String, String> record) {
			if ("fail".equals(record.key())) {
				throw new IllegalStateException("cannot ship " + record.key());
			}
			this.jdbc.update("INSERT INTO shipped (id) VALUES (?)", record.key());
			logger.info("shipped " + record.key());
		}

		@KafkaListener(id = "holder", topics = HOLD_TOPIC, groupId = "holding")
		void hold(ConsumerRecord<String, String> record) throws InterruptedException {
			holding.countDown();
			release.await(10, TimeUnit.SECONDS);
		}

		@KafkaListener(topics = BATCH_TOPIC, groupId = "auditing", containerFactory = "batchFactory")
		void audit(List<ConsumerRecord<String, String>> records) {
			for (ConsumerRecord<String, String> record : records) {
				this.jdbc.update("INSERT INTO audited (id) VALUES (?)", record.key());
			}
		}

	}

	@Bean
	Shipper shipper(JdbcTemplate jdbc) {
		return new Shipper(jdbc);
	}

	static class OpenSpans implements SpanProcessor {

		private final AtomicInteger open = new AtomicInteger();

		int open() {
			return this.open.get();
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			if (KafkaTracing.INSTRUMENTATION_NAME.equals(span.getInstrumentationScopeInfo().getName())) {
				this.open.incrementAndGet();
			}
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			if (KafkaTracing.INSTRUMENTATION_NAME.equals(span.getInstrumentationScopeInfo().getName())) {
				this.open.decrementAndGet();
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
