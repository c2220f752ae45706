package dev.otelspring.sample.payment;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where payment outcomes are kept.
 */
@Repository
public class PaymentRepository {

	private final JdbcTemplate jdbc;

	PaymentRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Traced("update-payment-status")
	public void updateStatus(@SpanAttribute("order.id") String orderId, @SpanAttribute("payment.id") String paymentId,
			@SpanAttribute("payment.status") String status) {
		this.jdbc.update("INSERT INTO payments (order_id, payment_id, status) VALUES (?, ?, ?)", orderId, paymentId,
				status);
	}

}
