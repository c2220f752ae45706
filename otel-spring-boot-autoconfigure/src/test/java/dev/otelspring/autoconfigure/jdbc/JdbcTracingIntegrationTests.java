package dev.otelspring.autoconfigure.jdbc;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedMetric;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Real requests through a real server to an application with a real database, through
 * JdbcTemplate and Spring Data JPA: every statement is a CLIENT span under the server
 * span, named and attributed by the database semantic conventions, as the OTLP receiver
 * decodes it. Subclasses name the database.
 */
abstract class JdbcTracingIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProductRepository products;

	@Autowired
	JdbcTracing tracing;

	@LocalServerPort
	int port;

	abstract String system();

	abstract String namespace();

	/** The SQLSTATE the database answers for a table that does not exist. */
	abstract String missingTableState();

	/** The host and port the spans should name, or {@code null} for an in-process one. */
	abstract Integer serverPort();

	@BeforeEach
	void seed() {
		this.products.deleteAll();
		this.products.save(new Product(1L, "widget", 10));
		this.receiver.clear();
	}

	@Test
	void statementsOfARequestAreClientSpansUnderItsServerSpan() {
		assertThat(TestHttp.send("POST", url("/products/1/reserve"), "").statusCode()).isEqualTo(200);
		ReceivedSpan server = this.receiver.awaitSpanNamed("POST /products/{id}/reserve");
		ReceivedSpan update = this.receiver.awaitSpanNamed("UPDATE product");
		ReceivedSpan select = this.receiver
			.awaitSpan((span) -> span.name().equals("SELECT product") && span.traceId().equals(server.traceId()));
		assertThat(update.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(update.parentSpanId()).isEqualTo(server.spanId());
		assertThat(update.attributes()).containsEntry("db.system.name", system())
			.containsEntry("db.namespace", namespace())
			.containsEntry("db.operation.name", "UPDATE")
			.containsEntry("db.collection.name", "product")
			.containsEntry("db.query.summary", "UPDATE product")
			.containsEntry("db.query.text", "UPDATE product SET stock = stock - ? WHERE id = ? AND name <> ?")
			.doesNotContainKey("db.operation.batch.size");
		assertServer(update);
		assertThat(select.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(select.parentSpanId()).isEqualTo(server.spanId());
		assertThat(select.attributes()).containsEntry("db.operation.name", "SELECT")
			.containsEntry("db.collection.name", "product");
		assertThat((String) select.attribute("db.query.text")).startsWith("select ").contains("=?");
		assertThat(this.receiver.spans()).noneMatch((span) -> span.toString().contains("secret-name"));
	}

	@Test
	void aBatchIsOneSpanWithItsSize() {
		assertThat(TestHttp.send("POST", url("/products/batch"), "").statusCode()).isEqualTo(200);
		ReceivedSpan batch = this.receiver.awaitSpanNamed("BATCH INSERT product");
		assertThat(batch.attributes()).containsEntry("db.operation.batch.size", 3L)
			.containsEntry("db.operation.name", "BATCH INSERT")
			.containsEntry("db.collection.name", "product")
			.containsEntry("db.query.text", "INSERT INTO product (id, name, stock) VALUES (?, ?, ?)");
		assertThat(this.products.count()).isEqualTo(4);
	}

	@Test
	void aFailedStatementThrowsTheDriversExceptionAndMarksItsSpan() {
		String answer = TestHttp.get(url("/products/broken")).body();
		assertThat(answer).endsWith(" " + missingTableState()).doesNotContain("dev.otelspring");
		ReceivedSpan failed = this.receiver.awaitSpanNamed("SELECT no_such_table");
		assertThat(failed.statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(failed.attributes()).containsEntry("db.response.status_code", missingTableState())
			.containsEntry("error.type", missingTableState());
		assertThat(failed.events()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
	}

	@Test
	void statementDurationsAreRecordedByTheConventionsWithTheFailuresSqlState() {
		assertThat(TestHttp.send("POST", url("/products/1/reserve"), "").statusCode()).isEqualTo(200);
		TestHttp.get(url("/products/broken"));
		ReceivedMetric metric = this.receiver.awaitMetric("db.client.operation.duration",
				(received) -> received.histogramPointAttributes()
					.stream()
					.anyMatch((point) -> missingTableState().equals(point.get("error.type")))
						&& received.histogramPointAttributes()
							.stream()
							.anyMatch((point) -> "UPDATE".equals(point.get("db.operation.name"))));
		assertThat(metric.scope()).isEqualTo("dev.otelspring.jdbc");
		assertThat(metric.metric().getUnit()).isEqualTo("s");
		assertThat(metric.metric().getHistogram().getDataPoints(0).getExplicitBoundsList()).containsExactly(0.001,
				0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
		List<Map<String, Object>> points = metric.histogramPointAttributes();
		assertThat(points).allSatisfy((point) -> assertThat(point).containsEntry("db.system.name", system())
			.containsEntry("db.namespace", namespace())
			.doesNotContainKey("db.query.text"));
		assertThat(points).anySatisfy((point) -> assertThat(point).containsEntry("db.operation.name", "UPDATE")
			.containsEntry("db.collection.name", "product")
			.doesNotContainKey("error.type"));
		assertThat(points).anySatisfy((point) -> assertThat(point).containsEntry("error.type", missingTableState())
			.containsEntry("db.response.status_code", missingTableState()));
	}

	@Test
	void statementsOutsideATraceMakeNoSpanButAreMeasured() throws Exception {
		this.jdbc.queryForObject("SELECT COUNT(*) FROM product", Long.class);
		this.products.findAll();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM outside_any_trace", Long.class));
		assertThat(TestHttp.send("POST", url("/products/1/reserve"), "").statusCode()).isEqualTo(200);
		ReceivedSpan server = this.receiver.awaitSpanNamed("POST /products/{id}/reserve");
		this.receiver
			.awaitSpan((span) -> span.name().equals("SELECT product") && span.traceId().equals(server.traceId()));
		// The statements above ran before the request's, and would have been exported
		// with or before its spans.
		assertThat(this.receiver.spans()).map((span) -> String.valueOf(span.attribute("db.query.text")))
			.doesNotContain("SELECT COUNT(*) FROM product", "SELECT COUNT(*) FROM outside_any_trace")
			.noneMatch((text) -> text.startsWith("select") && !text.contains("where"));
		// The duration metric counts every statement, traced or not.
		this.receiver.awaitMetric("db.client.operation.duration",
				(received) -> received.histogramPointAttributes()
					.stream()
					.anyMatch((point) -> "outside_any_trace".equals(point.get("db.collection.name"))
							&& missingTableState().equals(point.get("error.type"))
							&& "SELECT".equals(point.get("db.operation.name"))));
	}

	@Test
	void statementsUnderAParentThatWasNotSampledMakeNoSpanButAreMeasured() {
		Context unsampled = parent(TraceFlags.getDefault());
		// The starter's sampler drops such a span whatever it says: none is made.
		assertThat(this.tracing.traces(unsampled)).isFalse();
		assertThat(this.tracing.traces(parent(TraceFlags.getSampled()))).isTrue();
		try (Scope scope = unsampled.makeCurrent()) {
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM unsampled_parent", Long.class));
		}
		assertThat(TestHttp.send("POST", url("/products/1/reserve"), "").statusCode()).isEqualTo(200);
		ReceivedSpan server = this.receiver.awaitSpanNamed("POST /products/{id}/reserve");
		this.receiver
			.awaitSpan((span) -> span.name().equals("SELECT product") && span.traceId().equals(server.traceId()));
		assertThat(this.receiver.spans()).noneMatch((span) -> span.name().contains("unsampled_parent"));
		this.receiver.awaitMetric("db.client.operation.duration",
				(received) -> received.histogramPointAttributes()
					.stream()
					.anyMatch((point) -> "unsampled_parent".equals(point.get("db.collection.name"))
							&& missingTableState().equals(point.get("error.type"))));
	}

	@Test
	void theDataSourceIsStillAHikariPoolThatUnwraps() throws Exception {
		assertThat(this.dataSource).isInstanceOf(HikariDataSource.class);
		assertThat(this.dataSource.unwrap(HikariDataSource.class)).isNotNull();
		assertThat(this.dataSource.isWrapperFor(HikariConfigMXBean.class)).isTrue();
		HikariDataSource pool = DataSourceUnwrapper.unwrap(this.dataSource, HikariConfigMXBean.class,
				HikariDataSource.class);
		assertThat(pool).isNotNull();
		assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
		assertThat(TracingDataSourcePostProcessor.isTraced(this.dataSource)).isTrue();
	}

	private static Context parent(TraceFlags flags) {
		return Context.root()
			.with(Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", flags,
					TraceState.getDefault())));
	}

	private void assertServer(ReceivedSpan span) {
		if (serverPort() == null) {
			assertThat(span.attributes()).doesNotContainKey("server.address");
		}
		else {
			assertThat(span.attributes()).containsEntry("server.address", "127.0.0.1")
				.containsEntry("server.port", serverPort().longValue());
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
