package dev.otelspring.sample.notification;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Tells the customer the order is placed. The log line carries the trace and span ids.
 * With the {@code kafka} profile the confirmation is also published to Kafka.
 */
@Service
public class ConfirmationService {

	private static final Logger logger = LoggerFactory.getLogger(ConfirmationService.class);

	private final ObjectProvider<ConfirmationPublisher> publisher;

	ConfirmationService(ObjectProvider<ConfirmationPublisher> publisher) {
		this.publisher = publisher;
	}

	@Traced(value = "send-confirmation", attributes = "messaging.destination.name=order-confirmations")
	public void send(@SpanAttribute("order.id") String orderId, @SpanAttribute("enduser.id") String customerId) {
		logger.info("Order {} confirmed for customer {}", orderId, customerId);
		this.publisher.ifAvailable((publisher) -> publisher.publish(orderId, customerId));
	}

}
