package dev.otelspring.autoconfigure.jdbc;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.otelspring.autoconfigure.config.JdbcTracingSettings;
import dev.otelspring.autoconfigure.internal.Guarded;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Starts and ends the spans of JDBC calls, named and attributed by the database semantic
 * conventions. Every call into the SDK is guarded: a failure of tracing costs the span,
 * never the statement.
 */
public final class JdbcTracing {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.jdbc";

	private static final Log logger = LogFactory.getLog(JdbcTracing.class);

	private static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");

	private final Tracer tracer;

	private final JdbcTracingSettings settings;

	private final SqlQueryAnalyzer analyzer;

	private final SqlQueryAnalyzer backslashAnalyzer;

	/**
	 * Creates the tracing of JDBC calls.
	 * @param openTelemetry where the tracer comes from
	 * @param settings the instrumentation's settings
	 */
	public JdbcTracing(OpenTelemetry openTelemetry, JdbcTracingSettings settings) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
		this.settings = settings;
		this.analyzer = new SqlQueryAnalyzer(settings.querySanitization(), settings.maxQueryLength(), false);
		this.backslashAnalyzer = new SqlQueryAnalyzer(settings.querySanitization(), settings.maxQueryLength(), true);
	}

	/**
	 * Returns a traced view of a data source that is not a bean (beans are traced
	 * already): its connections' statements become spans. A data source traced already is
	 * returned as it is.
	 * @param dataSource the data source
	 * @param name its name, for the connection spans
	 * @return the traced data source
	 */
	public DataSource trace(DataSource dataSource, String name) {
		if (TracingDataSourcePostProcessor.isTraced(dataSource)) {
			return dataSource;
		}
		return TracingDataSourcePostProcessor.proxy(dataSource, name, () -> this);
	}

	JdbcTracingSettings settings() {
		return this.settings;
	}

	/**
	 * Reads a statement's text the way its database does: in MySQL and MariaDB a
	 * backslash escapes the next character of a string literal.
	 * @param database the database
	 * @param sql the text
	 * @return what it says
	 */
	SqlQuery analyze(DatabaseInfo database, String sql) {
		boolean backslashEscapes = "mysql".equals(database.system()) || "mariadb".equals(database.system());
		return (backslashEscapes ? this.backslashAnalyzer : this.analyzer).analyze(sql);
	}

	/**
	 * Returns whether a call made in this context gets a span: inside a trace, or
	 * anywhere when root spans were asked for.
	 * @param parent the current context
	 * @return whether to trace
	 */
	boolean traces(Context parent) {
		return this.settings.rootSpans() || Span.fromContext(parent).getSpanContext().isValid();
	}

	/**
	 * Starts the span of one statement execution, or of one batch.
	 * @param parent the parent context
	 * @param database the database
	 * @param query the analysed text
	 * @param batchSize the number of statements in a batch, or {@code -1} for a single
	 * execution
	 * @return the span, or {@code null} when it could not be started
	 */
	Span startStatement(Context parent, DatabaseInfo database, SqlQuery query, long batchSize) {
		try {
			boolean batch = batchSize >= 2 || batchSize == 0;
			String operation = query.operationName();
			String summary = query.summary();
			if (batch) {
				operation = (operation != null) ? "BATCH " + operation : "BATCH";
				summary = summary.isEmpty() ? "BATCH" : "BATCH " + summary;
			}
			String name = !summary.isEmpty() ? summary : database.system();
			SpanBuilder builder = start(parent, name, SpanKind.CLIENT, database);
			if (query.text() != null && !query.text().isEmpty()) {
				builder.setAttribute(DbAttributes.DB_QUERY_TEXT, query.text());
			}
			if (operation != null) {
				builder.setAttribute(DbAttributes.DB_OPERATION_NAME, operation);
			}
			if (query.collectionName() != null) {
				builder.setAttribute(DbAttributes.DB_COLLECTION_NAME, query.collectionName());
			}
			if (!summary.isEmpty()) {
				builder.setAttribute(DbAttributes.DB_QUERY_SUMMARY, summary);
			}
			if (batch) {
				builder.setAttribute(DbAttributes.DB_OPERATION_BATCH_SIZE, batchSize);
			}
			return builder.startSpan();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a JDBC span", ex);
			return null;
		}
	}

	/**
	 * Starts the span of a transaction's end ({@code COMMIT} or {@code ROLLBACK}).
	 * @param parent the parent context
	 * @param database the database
	 * @param operation the operation name
	 * @return the span, or {@code null} when it could not be started
	 */
	Span startTransactionEnd(Context parent, DatabaseInfo database, String operation) {
		try {
			return start(parent, operation, SpanKind.CLIENT, database)
				.setAttribute(DbAttributes.DB_OPERATION_NAME, operation)
				.startSpan();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a JDBC span", ex);
			return null;
		}
	}

	/**
	 * Starts the span of taking a connection from a data source.
	 * @param parent the parent context
	 * @param dataSourceName the data source's bean name
	 * @return the span, or {@code null} when it could not be started
	 */
	Span startGetConnection(Context parent, String dataSourceName) {
		try {
			return this.tracer.spanBuilder("DataSource.getConnection")
				.setParent(parent)
				.setSpanKind(SpanKind.INTERNAL)
				.setAttribute(POOL_NAME, dataSourceName)
				.startSpan();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a JDBC span", ex);
			return null;
		}
	}

	private SpanBuilder start(Context parent, String name, SpanKind kind, DatabaseInfo database) {
		SpanBuilder builder = this.tracer.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(kind)
			.setAttribute(DbAttributes.DB_SYSTEM_NAME, database.system());
		if (database.namespace() != null) {
			builder.setAttribute(DbAttributes.DB_NAMESPACE, database.namespace());
		}
		if (database.serverAddress() != null) {
			builder.setAttribute(ServerAttributes.SERVER_ADDRESS, database.serverAddress());
			if (database.serverPort() > 0) {
				builder.setAttribute(ServerAttributes.SERVER_PORT, (long) database.serverPort());
			}
		}
		return builder;
	}

	/**
	 * Marks the span failed: {@code db.response.status_code} (the SQLSTATE) and
	 * {@code error.type}, the exception recorded, ERROR status.
	 * @param span the span, or {@code null}
	 * @param failure what the call threw
	 */
	void fail(Span span, Throwable failure) {
		if (span == null) {
			return;
		}
		try {
			String sqlState = (failure instanceof SQLException sql) ? sql.getSQLState() : null;
			if (sqlState != null && !sqlState.isEmpty()) {
				span.setAttribute(DbAttributes.DB_RESPONSE_STATUS_CODE, sqlState);
				span.setAttribute(ErrorAttributes.ERROR_TYPE, sqlState);
			}
			else {
				span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
			}
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record a JDBC failure on its span", ex);
		}
	}

	/**
	 * Runs a JDBC call inside its span: a failure marks the span and is rethrown
	 * unchanged, and the span ends either way.
	 * @param span the span, or {@code null}
	 * @param call the call
	 * @return what the call returned
	 * @throws Throwable what the call threw
	 */
	Object run(Span span, JdbcCall call) throws Throwable {
		try {
			return call.call();
		}
		catch (Throwable ex) {
			fail(span, ex);
			throw ex;
		}
		finally {
			end(span);
		}
	}

	/**
	 * Ends the span.
	 * @param span the span, or {@code null}
	 */
	void end(Span span) {
		if (span != null) {
			Guarded.end(span, logger);
		}
	}

	/** A JDBC call that may throw anything the driver throws. */
	@FunctionalInterface
	interface JdbcCall {

		Object call() throws Throwable;

	}

}
