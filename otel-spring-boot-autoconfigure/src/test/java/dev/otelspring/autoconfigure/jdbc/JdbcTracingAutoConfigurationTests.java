package dev.otelspring.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.test.ThrowingOnEnd;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.semconv.DbAttributes;
import org.h2.jdbc.JdbcSQLSyntaxErrorException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Which data sources are traced and how: Hikari and plain driver data sources, once,
 * leaving excluded, delegating and foreign-traced ones alone; the optional connection,
 * transaction and root spans; a failing span processor never reaching the statement.
 */
class JdbcTracingAutoConfigurationTests {

	private InMemorySpanExporter exporter;

	/**
	 * Returns a runner with an exporter of its own: the SDK shuts its exporter down when
	 * the context closes.
	 * @return the runner
	 */
	private ApplicationContextRunner runner() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		this.exporter = exporter;
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, JdbcTracingAutoConfiguration.class))
			.withPropertyValues("otel.traces.exporter=none", "otel.bsp.schedule.delay=10ms")
			.withBean(SpanExporter.class, () -> exporter);
	}

	private static final AtomicInteger databases = new AtomicInteger();

	static HikariDataSource hikari() {
		HikariDataSource hikari = new HikariDataSource();
		hikari.setJdbcUrl("jdbc:h2:mem:auto" + databases.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
		return hikari;
	}

	static JdbcDataSource plain() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:plain" + databases.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
		return h2;
	}

	@Test
	void aHikariBeanStaysAHikariDataSourceAndIsTracedOnce() {
		runner().withBean("dataSource", HikariDataSource.class, JdbcTracingAutoConfigurationTests::hikari)
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				assertThat(dataSource).isInstanceOf(HikariDataSource.class);
				assertThat(AopUtils.isCglibProxy(dataSource)).isTrue();
				assertThat(TracingDataSourcePostProcessor.isTraced(dataSource)).isTrue();
				JdbcTracing tracing = context.getBean(JdbcTracing.class);
				assertThat(tracing.trace(dataSource, "again")).isSameAs(dataSource);
				inTrace(context, () -> query(dataSource, "SELECT 1"));
				assertThat(awaitSpans(2)).extracting(SpanData::getName).containsExactlyInAnyOrder("SELECT", "parent");
			});
	}

	@Test
	void aDataSourceOfAFinalOrForeignClassIsProxiedByItsInterfaces() {
		runner().withBean("dataSource", DataSource.class, () -> new FinalDataSource(plain())).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(AopUtils.isJdkDynamicProxy(dataSource)).isTrue();
			assertThat(dataSource.unwrap(JdbcDataSource.class)).isNotNull();
			inTrace(context, () -> query(dataSource, "SELECT 1"));
			assertThat(awaitSpans(2)).extracting(SpanData::getName).contains("SELECT");
		});
	}

	@Test
	void excludedSwitchedOffDelegatingAndForeignWrappedDataSourcesAreLeftAlone() {
		runner().withBean("reporting", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withBean("main", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withPropertyValues("otel.spring.jdbc.excluded-data-sources=reporting")
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean("reporting"))).isFalse();
				assertThat(AopUtils.isAopProxy(context.getBean("main"))).isTrue();
			});
		runner().withBean("dataSource", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withPropertyValues("otel.instrumentation.jdbc.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(JdbcTracing.class);
				assertThat(AopUtils.isAopProxy(context.getBean("dataSource"))).isFalse();
			});
		runner().withBean("target", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withBean("transactional", TransactionAwareDataSourceProxy.class,
					() -> new TransactionAwareDataSourceProxy(plain()))
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean("target"))).isTrue();
				// Its target is not a traced bean: it is traced itself.
				assertThat(AopUtils.isAopProxy(context.getBean("transactional"))).isTrue();
			});
		runner().withUserConfiguration(DelegatingToABean.class).run((context) -> {
			DataSource transactional = context.getBean("transactional", DataSource.class);
			assertThat(AopUtils.isAopProxy(transactional)).isFalse();
			inTrace(context, () -> query(transactional, "SELECT 1"));
			assertThat(awaitSpans(2)).extracting(SpanData::getName).containsExactlyInAnyOrder("SELECT", "parent");
		});
	}

	@Test
	void twoDataSourcesAreToldApartByTheirDatabase() {
		runner().withBean("orders", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withBean("reports", DataSource.class, JdbcTracingAutoConfigurationTests::hikari)
			.run((context) -> {
				inTrace(context, () -> {
					query(context.getBean("orders", DataSource.class), "SELECT 1");
					query(context.getBean("reports", DataSource.class), "SELECT 2");
				});
				assertThat(awaitSpans(3)).filteredOn((span) -> span.getName().equals("SELECT"))
					.extracting((span) -> span.getAttributes().get(DbAttributes.DB_NAMESPACE))
					.hasSize(2)
					.doesNotHaveDuplicates()
					.allSatisfy((namespace) -> assertThat(namespace).matches("(plain|auto)[0-9]+"));
			});
	}

	@Test
	void aQueryOfMegabytesIsCutAtTheAttributeLimit() {
		runner().withBean("dataSource", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withPropertyValues("otel.span.attribute.value.length.limit=1000")
			.run((context) -> {
				String sql = "SELECT 1 FROM DUAL WHERE 1 IN (" + "1,".repeat(1_000_000) + "1)";
				inTrace(context, () -> query(context.getBean(DataSource.class), sql));
				assertThat(awaitSpans(2)).filteredOn((span) -> span.getName().equals("SELECT"))
					.singleElement()
					.satisfies((span) -> assertThat(span.getAttributes().get(DbAttributes.DB_QUERY_TEXT))
						.hasSizeLessThanOrEqualTo(1000)
						.startsWith("SELECT ? FROM DUAL WHERE ? IN (?,?,"));
			});
	}

	@Test
	void connectionAndTransactionSpansAreOptIn() {
		runner().withBean("pool", DataSource.class, JdbcTracingAutoConfigurationTests::hikari)
			.withPropertyValues("otel.instrumentation.jdbc.experimental.datasource.enabled=true",
					"otel.instrumentation.jdbc.experimental.transaction.enabled=true")
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				inTrace(context, () -> {
					try (Connection connection = dataSource.getConnection()) {
						connection.setAutoCommit(false);
						try (Statement statement = connection.createStatement()) {
							statement.execute("CREATE TABLE t (id INT)");
						}
						connection.commit();
						connection.rollback();
					}
				});
				List<SpanData> spans = awaitSpans(5);
				assertThat(spans).extracting(SpanData::getName)
					.containsExactlyInAnyOrder("parent", "DataSource.getConnection", "CREATE TABLE t", "COMMIT",
							"ROLLBACK");
				assertThat(spans).filteredOn((span) -> span.getName().equals("DataSource.getConnection"))
					.singleElement()
					.satisfies((span) -> assertThat(span.getAttributes().asMap().toString()).contains("pool"));
			});
		runner().withBean("pool", DataSource.class, JdbcTracingAutoConfigurationTests::hikari).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			inTrace(context, () -> {
				try (Connection connection = dataSource.getConnection()) {
					connection.setAutoCommit(false);
					connection.commit();
				}
			});
			assertThat(awaitSpans(1)).extracting(SpanData::getName).containsExactly("parent");
		});
	}

	@Test
	void rootSpansOnlyWhenAskedFor() {
		runner().withBean("dataSource", DataSource.class, JdbcTracingAutoConfigurationTests::plain).run((context) -> {
			query(context.getBean(DataSource.class), "SELECT 1");
			inTrace(context, () -> {
			});
			assertThat(awaitSpans(1)).extracting(SpanData::getName).containsExactly("parent");
		});
		runner().withBean("dataSource", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withPropertyValues("otel.spring.jdbc.root-spans=true")
			.run((context) -> {
				query(context.getBean(DataSource.class), "SELECT 1");
				assertThat(awaitSpans(1)).singleElement().satisfies((span) -> {
					assertThat(span.getName()).isEqualTo("SELECT");
					assertThat(span.getParentSpanContext().isValid()).isFalse();
				});
			});
	}

	@Test
	void rawQueryTextWhenSanitizingIsOff() {
		runner().withBean("dataSource", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withPropertyValues("otel.instrumentation.jdbc.query-sanitization.enabled=false")
			.run((context) -> {
				inTrace(context, () -> query(context.getBean(DataSource.class), "SELECT 42"));
				assertThat(awaitSpans(2)).filteredOn((span) -> span.getName().equals("SELECT"))
					.singleElement()
					.satisfies((span) -> assertThat(span.getAttributes().asMap().toString())
						.contains("db.query.text=SELECT 42"));
			});
	}

	@Test
	void aThrowingSpanProcessorNeverReachesTheStatementAndDriverErrorsPassUnchanged() {
		ThrowingOnEnd processor = new ThrowingOnEnd();
		runner().withBean("dataSource", DataSource.class, JdbcTracingAutoConfigurationTests::plain)
			.withBean(SpanProcessor.class, () -> processor)
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				Span parent = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("parent").startSpan();
				try (Scope scope = parent.makeCurrent();
						Connection connection = dataSource.getConnection();
						PreparedStatement statement = connection.prepareStatement("SELECT ?")) {
					statement.setInt(1, 7);
					statement.executeQuery().close();
					assertThatExceptionOfType(JdbcSQLSyntaxErrorException.class)
						.isThrownBy(() -> connection.createStatement().executeQuery("SELECT * FROM nowhere"));
					assertThat(statement.getConnection()).isSameAs(connection);
					assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
				}
				assertThat(processor.ended()).isEqualTo(2);
			});
	}

	private List<SpanData> awaitSpans(int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.exporter.getFinishedSpanItems().size() >= count);
		return this.exporter.getFinishedSpanItems();
	}

	private static void inTrace(AssertableApplicationContext context, SqlWork work) throws SQLException {
		Span parent = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			work.run();
		}
		finally {
			parent.end();
		}
	}

	private static void query(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeQuery(sql).close();
		}
	}

	@FunctionalInterface
	interface SqlWork {

		void run() throws SQLException;

	}

	@Configuration(proxyBeanMethods = false)
	static class DelegatingToABean {

		@Bean
		DataSource target() {
			return plain();
		}

		@Bean
		DataSource transactional(@Qualifier("target") DataSource target) {
			return new TransactionAwareDataSourceProxy(target);
		}

	}

	/** A data source of a final class, which cannot be subclassed. */
	static final class FinalDataSource extends org.springframework.jdbc.datasource.AbstractDataSource {

		private final JdbcDataSource target;

		FinalDataSource(JdbcDataSource target) {
			this.target = target;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return this.target.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return this.target.getConnection(username, password);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T unwrap(Class<T> type) throws SQLException {
			return type.isInstance(this.target) ? (T) this.target : super.unwrap(type);
		}

	}

}
