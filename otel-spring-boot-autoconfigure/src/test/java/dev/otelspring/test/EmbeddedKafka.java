package dev.otelspring.test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker for the tests: spring-kafka-test's embedded KRaft broker, on a free
 * loopback port, with the given topics (one partition each).
 */
public final class EmbeddedKafka {

	private EmbeddedKafka() {
	}

	/**
	 * Starts a broker; the caller destroys it.
	 * @param topics the topics to create
	 * @return the running broker ({@code getBrokersAsString()} for the bootstrap servers)
	 */
	public static EmbeddedKafkaKraftBroker start(String... topics) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, topics);
		broker.kafkaPorts(0);
		broker.afterPropertiesSet();
		return broker;
	}

}
