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

	@Traced(value = "db-query-update-stock", kind = io.opentelemetry.api.trace.SpanKind.CLIENT,
			attributes = { "db.system.name=h2", "db.system=h2", "db.operation.name=UPDATE", "db.collection.name=stock",
					"db.query.text=" + UPDATE_STOCK })
	public int decrement(@SpanAttribute("product.sku") String sku, @SpanAttribute("product.quantity") int quantity) {
		return this.jdbc.update(UPDATE_STOCK, quantity, sku);
	}

}
