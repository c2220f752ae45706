package dev.otelspring.autoconfigure.jdbc;

import dev.otelspring.test.PostgresServer;
import dev.otelspring.test.WithOtlpReceiver;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JDBC tracing tests on a real PostgreSQL server, started for this class.
 */
@WithOtlpReceiver
@SpringBootTest(classes = JdbcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.jpa.hibernate.ddl-auto=create", "spring.jpa.open-in-view=false",
				"otel.bsp.schedule.delay=50ms", "otel.metric.export.interval=300ms" })
class PostgresJdbcTracingIntegrationTests extends JdbcTracingIntegrationTests {

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", postgres::username);
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Override
	String system() {
		return "postgresql";
	}

	@Override
	String namespace() {
		return PostgresServer.DATABASE;
	}

	@Override
	String missingTableState() {
		return "42P01";
	}

	@Override
	Integer serverPort() {
		return postgres.port();
	}

}
