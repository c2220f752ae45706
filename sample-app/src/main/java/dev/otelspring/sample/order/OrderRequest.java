package dev.otelspring.sample.order;

import java.util.List;

/**
 * A request to place an order.
 *
 * @param customerId who orders
 * @param items what is ordered
 */
public record OrderRequest(String customerId, List<Item> items) {

	double total() {
		return (this.items != null)
				? this.items.stream().mapToDouble((item) -> item.quantity() * item.unitPrice()).sum() : 0;
	}

	/**
	 * One line of an order.
	 *
	 * @param sku the product
	 * @param quantity how many
	 * @param unitPrice the price of one
	 */
	public record Item(String sku, int quantity, double unitPrice) {
	}

}
