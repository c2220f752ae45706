package dev.otelspring.sample.order;

import dev.otelspring.annotation.Traced;
import io.opentelemetry.api.trace.Span;

import org.springframework.stereotype.Component;

/**
 * Checks an order before anything is charged.
 */
@Component
public class OrderValidator {

	@Traced("validate-order")
	public void validate(OrderRequest request) {
		if (request.items() == null || request.items().isEmpty()) {
			throw new InvalidOrderException("an order needs at least one item");
		}
		for (OrderRequest.Item item : request.items()) {
			if (item.quantity() <= 0) {
				throw new InvalidOrderException("quantity of " + item.sku() + " must be positive");
			}
		}
		Span.current().setAttribute("order.value", request.total());
		Span.current().setAttribute("order.item_count", (long) request.items().size());
	}

}
