package dev.otelspring.sample.inventory;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The stock table, in the embedded database.
 */
@Repository
public class StockRepository {

	static final String UPDATE_STOCK = "UPDATE stock SET quantity = quantity - ? WHERE sku = ?";

	private final JdbcTemplate jdbc;

	StockRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	// The statement itself is a CLIENT span of the starter's JDBC instrumentation, under
	// this one.
	@Traced("db-query-update-stock")
	public int decrement(@SpanAttribute("product.sku") String sku, @SpanAttribute("product.quantity") int quantity) {
		return this.jdbc.update(UPDATE_STOCK, quantity, sku);
	}

}
