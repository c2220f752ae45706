package dev.otelspring.autoconfigure.kafka;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application that publishes to Kafka inside a request and consumes the
 * records with a listener that writes to a database, for the Kafka tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KafkaTestApplication {

	static final String TOPIC = "shipments";

	/** One retry, at once, then the record is given up. */
	@Bean
	CommonErrorHandler errorHandler() {
		return new DefaultErrorHandler(new FixedBackOff(0, 1));
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

	}

	static class Shipper {

		private static final Log logger = LogFactory.getLog(Shipper.class);

		private final JdbcTemplate jdbc;

		Shipper(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
			jdbc.execute("CREATE TABLE IF NOT EXISTS shipped (id VARCHAR(64))");
		}

		@KafkaListener(topics = TOPIC, groupId = "shipping")
		void ship(ConsumerRecord<String, String> record) {
			if ("fail".equals(record.key())) {
				throw new IllegalStateException("cannot ship " + record.key());
			}
			this.jdbc.update("INSERT INTO shipped (id) VALUES (?)", record.key());
			logger.info("shipped " + record.key());
		}

	}

	@Bean
	Shipper shipper(JdbcTemplate jdbc) {
		return new Shipper(jdbc);
	}

}
