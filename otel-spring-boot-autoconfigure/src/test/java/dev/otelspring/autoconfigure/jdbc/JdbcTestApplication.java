package dev.otelspring.autoconfigure.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application with a database, through both {@link JdbcTemplate} and Spring
 * Data JPA, for the JDBC instrumentation tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class JdbcTestApplication {

	@RestController
	static class ProductController {

		private final JdbcTemplate jdbc;

		private final ProductRepository products;

		ProductController(JdbcTemplate jdbc, ProductRepository products) {
			this.jdbc = jdbc;
			this.products = products;
		}

		/** A literal-laden statement through JdbcTemplate, then a JPA lookup. */
		@PostMapping("/products/{id}/reserve")
		Map<String, Object> reserve(@PathVariable long id) {
			int updated = this.jdbc
				.update("UPDATE product SET stock = stock - 1 WHERE id = " + id + " AND name <> 'secret-name'");
			Product product = this.products.findById(id).orElseThrow();
			return Map.of("updated", updated, "stock", product.getStock());
		}

		/** Three rows in one JDBC batch. */
		@PostMapping("/products/batch")
		int[] batch() {
			return this.jdbc.batchUpdate("INSERT INTO product (id, name, stock) VALUES (?, ?, ?)", List
				.of(new Object[] { 101L, "a", 1 }, new Object[] { 102L, "b", 2 }, new Object[] { 103L, "c", 3 }));
		}

		/** A statement the database rejects: the driver's own exception, unchanged. */
		@GetMapping("/products/broken")
		String broken() {
			try {
				this.jdbc.queryForList("SELECT * FROM no_such_table");
				return "no failure";
			}
			catch (DataAccessException ex) {
				Throwable cause = ex.getCause();
				return (cause instanceof SQLException sql) ? cause.getClass().getName() + " " + sql.getSQLState()
						: String.valueOf(cause);
			}
		}

	}

}
