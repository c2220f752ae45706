package dev.otelspring.autoconfigure.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.otelspring.autoconfigure.config.JdbcTracingSettings;
import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.internal.SpanTiming;
import dev.otelspring.autoconfigure.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
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

	private static final int MAX_DATABASES = 64;

	private static final int MAX_MEASURED_QUERIES = 2000;

	/** The explicit bucket boundaries the database conventions advise, in seconds. */
	private static final List<Double> DURATION_BUCKETS = List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);

	private final Tracer tracer;

	private final DoubleHistogram operationDuration;

	private final JdbcTracingSettings settings;

	private final Map<DatabaseInfo, Attributes> databaseAttributes = new ConcurrentHashMap<>();

	private final Map<DatabaseInfo, Map<SqlQuery, Attributes>> measurementAttributes = new ConcurrentHashMap<>();

	private final UnsampledParents unsampledParents;

	private final SqlQueryAnalyzer analyzer;

	private final SqlQueryAnalyzer backslashAnalyzer;

	/**
	 * Creates the tracing of JDBC calls.
	 * @param openTelemetry where the tracer comes from
	 * @param settings the instrumentation's settings
	 */
	public JdbcTracing(OpenTelemetry openTelemetry, JdbcTracingSettings settings) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
		Meter meter = SpanTiming.meter(openTelemetry, INSTRUMENTATION_NAME, true);
		this.operationDuration = (meter != null) ? meter.histogramBuilder("db.client.operation.duration")
			.setUnit("s")
			.setDescription("Duration of database client operations.")
			.setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
			.build() : null;
		this.settings = settings;
		this.unsampledParents = UnsampledParents.of(openTelemetry);
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
	 * anywhere when root spans were asked for; never under a parent that was not sampled
	 * when the sampler drops its children ({@link UnsampledParents}), since such a span
	 * would record nothing and a JDBC span carries no context on.
	 * @param parent the current context
	 * @return whether to trace
	 */
	boolean traces(Context parent) {
		if (this.unsampledParents.dropsChildOf(parent)) {
			return false;
		}
		return this.settings.rootSpans() || Span.fromContext(parent).getSpanContext().isValid();
	}

	/**
	 * Returns whether statements are measured ({@code db.client.operation.duration}):
	 * with metrics on, every statement is, inside a trace or not.
	 * @return whether statements are measured
	 */
	boolean measures() {
		return this.operationDuration != null;
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
			boolean batch = isBatch(batchSize);
			String operation = operationName(query, batchSize);
			String summary = summary(query, batchSize);
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

	private static boolean isBatch(long batchSize) {
		return batchSize >= 2 || batchSize == 0;
	}

	private static String operationName(SqlQuery query, long batchSize) {
		String operation = query.operationName();
		if (!isBatch(batchSize)) {
			return operation;
		}
		return (operation != null) ? "BATCH " + operation : "BATCH";
	}

	private static String summary(SqlQuery query, long batchSize) {
		String summary = query.summary();
		if (!isBatch(batchSize)) {
			return summary;
		}
		return summary.isEmpty() ? "BATCH" : "BATCH " + summary;
	}

	/**
	 * Returns what the duration of a statement is recorded with, or {@code null} when
	 * operations are not measured: the database, the operation, the collection and the
	 * summary as on the span; never the query text.
	 * @param database the database
	 * @param span the statement's span, just started, or {@code null} for a statement
	 * outside a trace
	 * @param query the analysed text
	 * @param batchSize as for {@link #startStatement}
	 * @return the measurement, or {@code null}
	 */
	Measured measure(DatabaseInfo database, Span span, SqlQuery query, long batchSize) {
		if (this.operationDuration == null) {
			return null;
		}
		try {
			return new Measured(measurementAttributes(database, query, batchSize), SpanTiming.start(span));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not measure a JDBC operation", ex);
			return null;
		}
	}

	/**
	 * Returns what a statement's duration is recorded with. The analysed texts of single
	 * executions are few and cached, so their attributes are built once per database (for
	 * a bounded number of texts); a batch's are built each time.
	 * @param database the database
	 * @param query the analysed text
	 * @param batchSize as for {@link #startStatement}
	 * @return the attributes
	 */
	private Attributes measurementAttributes(DatabaseInfo database, SqlQuery query, long batchSize) {
		if (isBatch(batchSize)) {
			return buildMeasurementAttributes(database, query, batchSize);
		}
		Map<SqlQuery, Attributes> byQuery = this.measurementAttributes.get(database);
		if (byQuery == null) {
			if (this.measurementAttributes.size() >= MAX_DATABASES) {
				return buildMeasurementAttributes(database, query, batchSize);
			}
			byQuery = this.measurementAttributes.computeIfAbsent(database, (key) -> new ConcurrentHashMap<>());
		}
		Attributes attributes = byQuery.get(query);
		if (attributes == null) {
			attributes = buildMeasurementAttributes(database, query, batchSize);
			if (byQuery.size() < MAX_MEASURED_QUERIES) {
				byQuery.put(query, attributes);
			}
		}
		return attributes;
	}

	private Attributes buildMeasurementAttributes(DatabaseInfo database, SqlQuery query, long batchSize) {
		String operation = operationName(query, batchSize);
		String collection = query.collectionName();
		String summary = summary(query, batchSize);
		AttributesBuilder attributes = databaseAttributes(database).toBuilder();
		if (operation != null) {
			attributes.put(DbAttributes.DB_OPERATION_NAME, operation);
		}
		if (collection != null) {
			attributes.put(DbAttributes.DB_COLLECTION_NAME, collection);
		}
		if (summary != null && !summary.isEmpty()) {
			attributes.put(DbAttributes.DB_QUERY_SUMMARY, summary);
		}
		return attributes.build();
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
		return this.tracer.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(kind)
			.setAllAttributes(databaseAttributes(database));
	}

	/**
	 * Returns what every span and measurement of a database carries: the system, the
	 * namespace and the server. Built once per database.
	 * @param database the database
	 * @return the attributes
	 */
	private Attributes databaseAttributes(DatabaseInfo database) {
		Attributes attributes = this.databaseAttributes.get(database);
		if (attributes != null) {
			return attributes;
		}
		AttributesBuilder builder = Attributes.builder().put(DbAttributes.DB_SYSTEM_NAME, database.system());
		if (database.namespace() != null) {
			builder.put(DbAttributes.DB_NAMESPACE, database.namespace());
		}
		if (database.serverAddress() != null) {
			builder.put(ServerAttributes.SERVER_ADDRESS, database.serverAddress());
			if (database.serverPort() > 0) {
				builder.put(ServerAttributes.SERVER_PORT, (long) database.serverPort());
			}
		}
		attributes = builder.build();
		if (this.databaseAttributes.size() < MAX_DATABASES) {
			this.databaseAttributes.put(database, attributes);
		}
		return attributes;
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
			span.setAllAttributes(failureAttributes(failure));
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record a JDBC failure on its span", ex);
		}
	}

	/**
	 * Returns what a failed call is marked with, on its span and its measurement:
	 * {@code db.response.status_code} and {@code error.type} are the SQLSTATE when the
	 * driver gives one, else {@code error.type} is the exception's class.
	 * @param failure what the call threw
	 * @return the attributes
	 */
	private static Attributes failureAttributes(Throwable failure) {
		String sqlState = (failure instanceof SQLException sql) ? sql.getSQLState() : null;
		if (sqlState != null && !sqlState.isEmpty()) {
			return Attributes.of(DbAttributes.DB_RESPONSE_STATUS_CODE, sqlState, ErrorAttributes.ERROR_TYPE, sqlState);
		}
		return Attributes.of(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
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
		return run(span, null, null, call);
	}

	/**
	 * Runs a JDBC call inside its span and records its duration: a failure marks the span
	 * (and the measurement, with {@code error.type} and {@code db.response.status_code})
	 * and is rethrown unchanged, and the span ends either way.
	 * @param span the span, or {@code null}
	 * @param measured the measurement, or {@code null}
	 * @param parent the context the call was made in, for exemplars
	 * @param call the call
	 * @return what the call returned
	 * @throws Throwable what the call threw
	 */
	Object run(Span span, Measured measured, Context parent, JdbcCall call) throws Throwable {
		Throwable failure = null;
		try {
			return call.call();
		}
		catch (Throwable ex) {
			failure = ex;
			fail(span, ex);
			throw ex;
		}
		finally {
			end(span);
			if (measured != null) {
				record(span, measured, parent, failure);
			}
		}
	}

	private void record(Span span, Measured measured, Context parent, Throwable failure) {
		try {
			Attributes attributes = measured.attributes();
			if (failure != null) {
				attributes = attributes.toBuilder().putAll(failureAttributes(failure)).build();
			}
			Context context = (span != null) ? parent.with(span) : parent;
			this.operationDuration.record(SpanTiming.seconds(span, measured.start()), attributes, context);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the duration of a JDBC operation", ex);
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

	/**
	 * What a statement's duration is recorded with.
	 *
	 * @param attributes the attributes
	 * @param start the start, from {@link SpanTiming#start}
	 */
	record Measured(Attributes attributes, long start) {
	}

	/** A JDBC call that may throw anything the driver throws. */
	@FunctionalInterface
	interface JdbcCall {

		Object call() throws Throwable;

	}

}
