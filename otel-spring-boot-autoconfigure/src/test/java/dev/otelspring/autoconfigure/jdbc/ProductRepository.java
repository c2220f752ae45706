package dev.otelspring.autoconfigure.jdbc;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data JPA over Hibernate, for the JDBC tests.
 */
public interface ProductRepository extends JpaRepository<Product, Long> {

}
