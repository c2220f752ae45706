package dev.otelspring.autoconfigure.jdbc;

import dev.otelspring.test.WithOtlpReceiver;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The JDBC tracing tests on H2 in memory.
 */
@WithOtlpReceiver
@SpringBootTest(classes = JdbcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1",
				"spring.jpa.hibernate.ddl-auto=create", "spring.jpa.open-in-view=false", "otel.bsp.schedule.delay=50ms",
				"otel.metric.export.interval=300ms" })
class H2JdbcTracingIntegrationTests extends JdbcTracingIntegrationTests {

	@Override
	String system() {
		return "h2database";
	}

	@Override
	String namespace() {
		return "shop";
	}

	@Override
	String missingTableState() {
		return "42S02";
	}

	@Override
	Integer serverPort() {
		return null;
	}

}
