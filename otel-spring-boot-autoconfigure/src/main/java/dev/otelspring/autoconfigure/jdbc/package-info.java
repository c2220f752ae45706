/**
 * Database spans: every {@code DataSource} bean traced, each JDBC statement a CLIENT span
 * following the database semantic conventions.
 */
package dev.otelspring.autoconfigure.jdbc;
