package dev.otelspring.sample.order;

import java.util.UUID;

import dev.otelspring.sample.inventory.InventoryService;
import dev.otelspring.sample.notification.ConfirmationService;
import dev.otelspring.sample.payment.PaymentService;
import dev.otelspring.sample.security.AuthenticationService;
import io.opentelemetry.api.trace.Span;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Places an order: each step is a bean method with {@code @Traced}, so each is a span
 * under the request's SERVER span.
 */
@Service
public class OrderService {

	private final AuthenticationService authentication;

	private final OrderValidator validator;

	private final PaymentService payments;

	private final InventoryService inventory;

	private final ConfirmationService confirmations;

	private final JdbcTemplate jdbc;

	OrderService(AuthenticationService authentication, OrderValidator validator, PaymentService payments,
			InventoryService inventory, ConfirmationService confirmations, JdbcTemplate jdbc) {
		this.authentication = authentication;
		this.validator = validator;
		this.payments = payments;
		this.inventory = inventory;
		this.confirmations = confirmations;
		this.jdbc = jdbc;
	}

	public Order place(String authorization, OrderRequest request) {
		String orderId = UUID.randomUUID().toString();
		Span.current().setAttribute("order.id", orderId);
		this.authentication.authenticate(authorization, request.customerId());
		this.validator.validate(request);
		double total = request.total();
		this.payments.process(orderId, total);
		for (OrderRequest.Item item : request.items()) {
			this.inventory.update(item.sku(), item.quantity());
		}
		this.jdbc.update("INSERT INTO orders (id, customer_id, total, status) VALUES (?, ?, ?, ?)", orderId,
				request.customerId(), total, "CONFIRMED");
		this.confirmations.send(orderId, request.customerId());
		return new Order(orderId, request.customerId(), total, "CONFIRMED");
	}

	public Order find(String id) {
		return this.jdbc
			.query("SELECT id, customer_id, total, status FROM orders WHERE id = ?",
					(rs, row) -> new Order(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4)), id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id));
	}

}
