package dev.otelspring.autoconfigure.jdbc;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @Scheduled} job's statements are CLIENT spans under the run's root span, in a
 * trace of their own, as the OTLP receiver decodes them.
 */
@WithOtlpReceiver
@SpringBootTest(classes = { JdbcTestApplication.class, ScheduledJdbcIntegrationTests.Job.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:scheduled;DB_CLOSE_DELAY=-1",
				"spring.jpa.hibernate.ddl-auto=create", "otel.bsp.schedule.delay=50ms" })
class ScheduledJdbcIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@Test
	void aRunsStatementsAreUnderItsRootSpan() {
		ReceivedSpan run = this.receiver.awaitSpanNamed("StockAudit.audit");
		assertThat(run.parentSpanId()).isEmpty();
		assertThat(run.attributes()).containsEntry("code.function.name", StockAudit.class.getName() + ".audit");
		ReceivedSpan query = this.receiver
			.awaitSpan((span) -> span.name().equals("SELECT product") && span.traceId().equals(run.traceId()));
		assertThat(query.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(query.parentSpanId()).isEqualTo(run.spanId());
		assertThat(query.attributes()).containsEntry("db.query.text", "SELECT COUNT(*) FROM product WHERE stock < ?");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Job {

		@Bean
		StockAudit stockAudit(JdbcTemplate jdbc) {
			return new StockAudit(jdbc);
		}

	}

	static class StockAudit {

		private final JdbcTemplate jdbc;

		StockAudit(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Scheduled(fixedDelay = 100)
		void audit() {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE stock < 5", Long.class);
		}

	}

}
