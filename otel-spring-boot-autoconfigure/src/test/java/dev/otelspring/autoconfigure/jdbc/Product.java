package dev.otelspring.autoconfigure.jdbc;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A product with its stock, for the JPA side of the JDBC tests.
 */
@Entity
public class Product {

	@Id
	private Long id;

	private String name;

	private int stock;

	protected Product() {
	}

	public Product(Long id, String name, int stock) {
		this.id = id;
		this.name = name;
		this.stock = stock;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public int getStock() {
		return this.stock;
	}

}
