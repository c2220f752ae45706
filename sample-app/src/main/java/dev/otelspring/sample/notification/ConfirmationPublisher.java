package dev.otelspring.sample.notification;

import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * With the {@code kafka} profile, publishes each order confirmation to the
 * {@value #TOPIC} topic. The send is a PRODUCER span under {@code send-confirmation}, and
 * the record's headers carry the trace to the listener.
 */
@Component
@Profile("kafka")
public class ConfirmationPublisher {

	/** The topic of order confirmations. */
	public static final String TOPIC = "order-confirmations";

	private final KafkaTemplate<String, String> kafka;

	ConfirmationPublisher(KafkaTemplate<String, String> kafka) {
		this.kafka = kafka;
	}

	void publish(String orderId, String customerId) {
		this.kafka.send(TOPIC, orderId, customerId);
	}

}
