package dev.otelspring.sample.notification;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * With the {@code kafka} profile, consumes the order confirmations and marks each order
 * notified. The processing is a CONSUMER span in the order's trace, with the update under
 * it; its log line carries the consumer span's ids.
 */
@Configuration(proxyBeanMethods = false)
@Profile("kafka")
public class ConfirmationListener {

	private static final Logger logger = LoggerFactory.getLogger(ConfirmationListener.class);

	private final JdbcTemplate jdbc;

	ConfirmationListener(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Bean
	static NewTopic orderConfirmationsTopic() {
		return new NewTopic(ConfirmationPublisher.TOPIC, 1, (short) 1);
	}

	@KafkaListener(topics = ConfirmationPublisher.TOPIC, groupId = "notifications")
	void markNotified(ConsumerRecord<String, String> confirmation) {
		this.jdbc.update("UPDATE orders SET status = 'NOTIFIED' WHERE id = ?", confirmation.key());
		logger.info("Customer {} notified of order {}", confirmation.value(), confirmation.key());
	}

}
