package dev.otelspring.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import dev.otelspring.autoconfigure.config.JdbcTracingSettings;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import dev.otelspring.benchmarks.InsideTrace;
import dev.otelspring.benchmarks.InsideUnsampledTrace;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JDBC tracing's cost per statement, against the bare H2 driver: a query by primary
 * key on an in-memory database, through one connection held for the whole trial and a
 * statement prepared once, outside any trace (the instrumentation decides not to trace)
 * and inside one (a CLIENT span, ended into a processor that counts it); then a plain
 * statement with literals, whose text the SQL reader sanitises (from its cache after the
 * first call); and the prepared query through a data source traced on an SDK with a meter
 * provider, which records {@code db.client.operation.duration} inside and outside a
 * trace. Run it with
 * {@code java -jar benchmarks/target/benchmarks.jar JdbcStatementBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
public class JdbcStatementBenchmark extends BenchmarkSettings {

	private static final String URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";

	private static final int ROWS = 100;

	private static final String INSERT = "INSERT INTO product(id, name, stock) VALUES (?, ?, ?)";

	private static final String QUERY = "SELECT stock FROM product WHERE id = ?";

	private static final String QUERY_WITH_LITERALS = "SELECT stock FROM product WHERE id = 42 AND name <> 'x'";

	private OpenTelemetrySdk sdk;

	private OpenTelemetrySdk meteredSdk;

	private Connection meteredConnection;

	private PreparedStatement meteredPrepared;

	private Connection bareConnection;

	private Connection tracedConnection;

	private PreparedStatement barePrepared;

	private PreparedStatement tracedPrepared;

	private Statement bareStatement;

	private Statement tracedStatement;

	private long id;

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		// Spans counted on the calling thread: no export worker competes for the cores.
		this.sdk = BenchmarkTracing.sdk(new BenchmarkTracing.CountingProcessor());
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL(URL);
		int maxQueryLength = SpanLimits.getDefault().getMaxAttributeValueLength();
		JdbcTracingSettings settings = new JdbcTracingSettings(true, false, false, false, List.of(), maxQueryLength);
		DataSource traced = new JdbcTracing(this.sdk, settings).trace(h2, "benchmark");
		this.meteredSdk = BenchmarkTracing.sdkWithMetrics(new BenchmarkTracing.CountingProcessor());
		DataSource metered = new JdbcTracing(this.meteredSdk, settings).trace(h2, "benchmark");
		this.bareConnection = h2.getConnection();
		createTable(this.bareConnection);
		this.tracedConnection = traced.getConnection();
		this.barePrepared = this.bareConnection.prepareStatement(QUERY);
		this.tracedPrepared = this.tracedConnection.prepareStatement(QUERY);
		this.meteredConnection = metered.getConnection();
		this.meteredPrepared = this.meteredConnection.prepareStatement(QUERY);
		this.bareStatement = this.bareConnection.createStatement();
		this.tracedStatement = this.tracedConnection.createStatement();
	}

	private static void createTable(Connection connection) throws SQLException {
		try (Statement ddl = connection.createStatement()) {
			// The database outlives a trial when JMH runs without forking (-f 0).
			ddl.execute("DROP TABLE IF EXISTS product");
			ddl.execute("CREATE TABLE product(id BIGINT PRIMARY KEY, name VARCHAR(64), stock INT)");
		}
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			for (int row = 1; row <= ROWS; row++) {
				insert.setLong(1, row);
				insert.setString(2, "product-" + row);
				insert.setInt(3, row * 10);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws SQLException {
		this.meteredPrepared.close();
		this.meteredConnection.close();
		BenchmarkTracing.close(this.meteredSdk);
		this.tracedStatement.close();
		this.bareStatement.close();
		this.tracedPrepared.close();
		this.barePrepared.close();
		this.tracedConnection.close();
		this.bareConnection.close();
		BenchmarkTracing.close(this.sdk);
	}

	/**
	 * Runs the prepared query for the next id, 1 to {@value #ROWS} in turn: with the same
	 * parameters every time, H2 would hand back its previous result instead of reading
	 * the index.
	 */
	private int queryById(PreparedStatement statement) throws SQLException {
		this.id = (this.id % ROWS) + 1;
		statement.setLong(1, this.id);
		try (ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static int queryWithLiterals(Statement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery(QUERY_WITH_LITERALS)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	@Benchmark
	public int bareDriver() throws SQLException {
		return queryById(this.barePrepared);
	}

	@Benchmark
	public int tracedNoTrace() throws SQLException {
		return queryById(this.tracedPrepared);
	}

	@Benchmark
	public int tracedInsideTrace(InsideTrace trace) throws SQLException {
		return queryById(this.tracedPrepared);
	}

	/**
	 * The prepared query under a parent that was not sampled: the starter's sampler drops
	 * its span, so the instrumentation makes none.
	 * @param trace the unsampled parent, current
	 * @return the stock read
	 * @throws SQLException never
	 */
	@Benchmark
	public int tracedInsideUnsampledTrace(InsideUnsampledTrace trace) throws SQLException {
		return queryById(this.tracedPrepared);
	}

	@Benchmark
	public int measuredNoTrace() throws SQLException {
		return queryById(this.meteredPrepared);
	}

	@Benchmark
	public int measuredInsideTrace(InsideTrace trace) throws SQLException {
		return queryById(this.meteredPrepared);
	}

	@Benchmark
	public int bareDriverPlainStatement() throws SQLException {
		return queryWithLiterals(this.bareStatement);
	}

	@Benchmark
	public int tracedPlainStatementWithLiterals(InsideTrace trace) throws SQLException {
		return queryWithLiterals(this.tracedStatement);
	}

}
