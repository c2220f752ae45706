package dev.otelspring.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The advice of a traced {@code DataSource}: the connections it hands out are traced,
 * and, when asked for, taking one is a span. Every other method goes to the data source
 * itself, so {@code unwrap}, the pool's own methods and {@code close} behave as before.
 */
final class TracingDataSourceInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(TracingDataSourceInterceptor.class);

	private final String beanName;

	private final Supplier<JdbcTracing> tracing;

	private volatile JdbcTracing resolved;

	private volatile DatabaseInfo database;

	TracingDataSourceInterceptor(String beanName, Supplier<JdbcTracing> tracing) {
		this.beanName = beanName;
		this.tracing = tracing;
	}

	String beanName() {
		return this.beanName;
	}

	JdbcTracing tracing() {
		JdbcTracing tracing = this.resolved;
		if (tracing == null) {
			tracing = this.tracing.get();
			this.resolved = tracing;
		}
		return tracing;
	}

	/**
	 * Returns what the data source's URL says about the database, read once from the
	 * first connection's metadata.
	 * @param connection a connection of this data source
	 * @return the database
	 */
	DatabaseInfo database(Connection connection) {
		DatabaseInfo database = this.database;
		if (database == null) {
			try {
				database = DatabaseInfo.fromUrl(connection.getMetaData().getURL());
				this.database = database;
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not read the JDBC URL of data source '" + this.beanName + "'", ex);
				return DatabaseInfo.UNKNOWN;
			}
		}
		return database;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (!"getConnection".equals(invocation.getMethod().getName())) {
			return invocation.proceed();
		}
		JdbcTracing tracing = tracing();
		Span span = null;
		if (tracing.settings().connectionSpans()) {
			Context parent = Context.current();
			if (tracing.traces(parent)) {
				span = tracing.startGetConnection(parent, this.beanName);
			}
		}
		Object connection;
		try {
			connection = invocation.proceed();
		}
		catch (Throwable ex) {
			tracing.fail(span, ex);
			throw ex;
		}
		finally {
			tracing.end(span);
		}
		return (connection instanceof Connection jdbc) ? TracingConnectionHandler.wrap(jdbc, this) : connection;
	}

}
