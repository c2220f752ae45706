package dev.otelspring.sample.notification;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Tells the customer the order is placed. The log line carries the trace and span ids.
 */
@Service
public class ConfirmationService {

	private static final Logger logger = LoggerFactory.getLogger(ConfirmationService.class);

	@Traced(value = "send-confirmation", attributes = "messaging.destination.name=order-confirmations")
	public void send(@SpanAttribute("order.id") String orderId, @SpanAttribute("enduser.id") String customerId) {
		logger.info("Order {} confirmed for customer {}", orderId, customerId);
	}

}
