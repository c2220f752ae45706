package dev.otelspring.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * The statement side of a traced connection: each {@code execute…} call of a
 * {@link Statement}, {@code PreparedStatement} or {@code CallableStatement} is a CLIENT
 * span, and each {@code executeBatch} one span for the whole batch. Everything else goes
 * straight to the driver's statement, and the driver's exceptions reach the caller
 * unchanged.
 */
final class TracingStatementHandler extends JdbcProxyHandler {

	/** Distinct texts kept for a batch of plain statements; the count goes on. */
	private static final int MAX_BATCH_TEXTS = 16;

	private final Connection connection;

	private final TracingConnectionHandler owner;

	private final String preparedSql;

	private final List<String> batchTexts = new ArrayList<>(0);

	private long batchSize;

	TracingStatementHandler(Statement delegate, Connection connection, TracingConnectionHandler owner,
			String preparedSql) {
		super(delegate);
		this.connection = connection;
		this.owner = owner;
		this.preparedSql = preparedSql;
	}

	static Statement wrap(Statement delegate, Class<? extends Statement> type, Connection connection,
			TracingConnectionHandler owner, String preparedSql) {
		if (delegate == null) {
			return null;
		}
		return (Statement) Proxy.newProxyInstance(TracingStatementHandler.class.getClassLoader(),
				new Class<?>[] { type }, new TracingStatementHandler(delegate, connection, owner, preparedSql));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		Object answer = answerForProxy(proxy, method, args);
		if (answer != NO_ANSWER) {
			return answer;
		}
		switch (method.getName()) {
			case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
				String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text
						: this.preparedSql;
				return execute(method, args, sql);
			}
			case "executeBatch", "executeLargeBatch" -> {
				return executeBatch(method, args);
			}
			case "addBatch" -> {
				Object result = call(method, args);
				this.batchSize++;
				if (args != null && args.length == 1 && args[0] instanceof String text
						&& this.batchTexts.size() < MAX_BATCH_TEXTS && !this.batchTexts.contains(text)) {
					this.batchTexts.add(text);
				}
				return result;
			}
			case "clearBatch" -> {
				Object result = call(method, args);
				clearBatch();
				return result;
			}
			case "getConnection" -> {
				if (args == null || args.length == 0) {
					return this.connection;
				}
			}
			default -> {
			}
		}
		return call(method, args);
	}

	private Object execute(Method method, Object[] args, String sql) throws Throwable {
		Context parent = Context.current();
		JdbcTracing tracing = this.owner.tracing();
		boolean traced = tracing.traces(parent);
		if (!traced && !tracing.measures()) {
			return call(method, args);
		}
		DatabaseInfo database = this.owner.database();
		SqlQuery query = tracing.analyze(database, sql);
		Span span = traced ? tracing.startStatement(parent, database, query, -1) : null;
		return tracing.run(span, tracing.measure(database, span, query, -1), parent, () -> call(method, args));
	}

	private Object executeBatch(Method method, Object[] args) throws Throwable {
		long size = this.batchSize;
		List<String> texts = List.copyOf(this.batchTexts);
		// The driver clears its batch when it runs it, whatever the outcome.
		clearBatch();
		Context parent = Context.current();
		JdbcTracing tracing = this.owner.tracing();
		boolean traced = tracing.traces(parent);
		if (!traced && !tracing.measures()) {
			return call(method, args);
		}
		DatabaseInfo database = this.owner.database();
		SqlQuery query = batchQuery(tracing, database, texts);
		Span span = traced ? tracing.startStatement(parent, database, query, size) : null;
		return tracing.run(span, tracing.measure(database, span, query, size), parent, () -> call(method, args));
	}

	private SqlQuery batchQuery(JdbcTracing tracing, DatabaseInfo database, List<String> texts) {
		if (this.preparedSql != null || texts.size() <= 1) {
			return tracing.analyze(database,
					(this.preparedSql != null) ? this.preparedSql : texts.isEmpty() ? null : texts.get(0));
		}
		String operation = null;
		String collection = null;
		String summary = null;
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < texts.size(); i++) {
			SqlQuery query = tracing.analyze(database, texts.get(i));
			if (i == 0) {
				operation = query.operationName();
				collection = query.collectionName();
				summary = query.summary();
			}
			else {
				operation = same(operation, query.operationName());
				collection = same(collection, query.collectionName());
				summary = same(summary, query.summary());
				text.append("; ");
			}
			text.append(query.text());
			if (text.length() >= tracing.settings().maxQueryLength()) {
				break;
			}
		}
		int max = tracing.settings().maxQueryLength();
		String joined = (text.length() > max) ? text.substring(0, max) : text.toString();
		return new SqlQuery(joined, operation, (operation != null) ? collection : null,
				(summary != null) ? summary : "");
	}

	private static String same(String first, String other) {
		return (first != null && first.equals(other)) ? first : null;
	}

	private void clearBatch() {
		this.batchSize = 0;
		this.batchTexts.clear();
	}

}
