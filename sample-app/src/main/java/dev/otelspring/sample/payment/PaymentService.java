package dev.otelspring.sample.payment;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;

import org.springframework.stereotype.Service;

/**
 * Charges an order through the payment gateway and records the outcome.
 */
@Service
public class PaymentService {

	private final PaymentGatewayClient gateway;

	private final PaymentRepository repository;

	PaymentService(PaymentGatewayClient gateway, PaymentRepository repository) {
		this.gateway = gateway;
		this.repository = repository;
	}

	@Traced(value = "process-payment", attributes = "payment.provider=demo-gateway")
	public void process(@SpanAttribute("order.id") String orderId, @SpanAttribute("payment.amount") double amount) {
		String paymentId = this.gateway.charge(orderId, amount);
		this.repository.updateStatus(orderId, paymentId, "PAID");
	}

}
