package dev.otelspring.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * A traced connection: the statements it creates are traced, and, when asked for,
 * {@code commit} and {@code rollback} are spans. Everything else goes straight to the
 * driver's (or the pool's) connection.
 */
final class TracingConnectionHandler extends JdbcProxyHandler {

	private final Connection delegate;

	private final TracingDataSourceInterceptor dataSource;

	private TracingConnectionHandler(Connection delegate, TracingDataSourceInterceptor dataSource) {
		super(delegate);
		this.delegate = delegate;
		this.dataSource = dataSource;
	}

	static Connection wrap(Connection delegate, TracingDataSourceInterceptor dataSource) {
		if (delegate == null || isTraced(delegate)) {
			return delegate;
		}
		return (Connection) Proxy.newProxyInstance(TracingConnectionHandler.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new TracingConnectionHandler(delegate, dataSource));
	}

	static boolean isTraced(Connection connection) {
		return Proxy.isProxyClass(connection.getClass())
				&& Proxy.getInvocationHandler(connection) instanceof TracingConnectionHandler;
	}

	JdbcTracing tracing() {
		return this.dataSource.tracing();
	}

	DatabaseInfo database() {
		return this.dataSource.database(this.delegate);
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		Object answer = answerForProxy(proxy, method, args);
		if (answer != NO_ANSWER) {
			return answer;
		}
		switch (method.getName()) {
			case "createStatement" -> {
				return TracingStatementHandler.wrap((Statement) call(method, args), Statement.class, (Connection) proxy,
						this, null);
			}
			case "prepareStatement" -> {
				return TracingStatementHandler.wrap((Statement) call(method, args), PreparedStatement.class,
						(Connection) proxy, this, (String) args[0]);
			}
			case "prepareCall" -> {
				return TracingStatementHandler.wrap((Statement) call(method, args), CallableStatement.class,
						(Connection) proxy, this, (String) args[0]);
			}
			case "commit", "rollback" -> {
				if (tracing().settings().transactionSpans()) {
					return endTransaction(method, args, method.getName().equals("commit") ? "COMMIT" : "ROLLBACK");
				}
			}
			default -> {
			}
		}
		return call(method, args);
	}

	private Object endTransaction(Method method, Object[] args, String operation) throws Throwable {
		Context parent = Context.current();
		JdbcTracing tracing = tracing();
		if (!tracing.traces(parent)) {
			return call(method, args);
		}
		Span span = tracing.startTransactionEnd(parent, database(), operation);
		return tracing.run(span, () -> call(method, args));
	}

}
