package dev.otelspring.sample.inventory;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;

import org.springframework.stereotype.Service;

/**
 * Keeps stock levels.
 */
@Service
public class InventoryService {

	private final StockRepository stock;

	InventoryService(StockRepository stock) {
		this.stock = stock;
	}

	@Traced("update-inventory")
	public void update(@SpanAttribute("product.sku") String sku, @SpanAttribute("product.quantity") int quantity) {
		this.stock.decrement(sku, quantity);
	}

}
