package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The JDBC instrumentation's settings: the official starter's keys under
 * {@code otel.instrumentation.jdbc} and this starter's extras under
 * {@code otel.spring.jdbc}. The switch itself, {@code otel.instrumentation.jdbc.enabled},
 * is a condition ({@link ConditionalOnEnabledInstrumentation}).
 *
 * @param querySanitization whether literals in {@code db.query.text} are replaced by
 * {@code ?} ({@code otel.instrumentation.jdbc.query-sanitization.enabled}, falling back
 * to {@code otel.instrumentation.common.db.query-sanitization.enabled}; default on)
 * @param connectionSpans whether {@code getConnection} gets a span of its own, showing
 * the wait for a pooled connection
 * ({@code otel.instrumentation.jdbc.experimental.datasource.enabled}; default off)
 * @param transactionSpans whether {@code commit} and {@code rollback} get spans
 * ({@code otel.instrumentation.jdbc.experimental.transaction.enabled}; default off)
 * @param rootSpans whether a statement run outside any trace starts a trace of its own
 * ({@code otel.spring.jdbc.root-spans}; default off, so that a pool's health checks do
 * not make a trace each)
 * @param excludedDataSources the names of {@code DataSource} beans left untraced
 * ({@code otel.spring.jdbc.excluded-data-sources})
 * @param maxQueryLength the most characters of query text analysed and recorded: the span
 * attribute value length limit
 */
public record JdbcTracingSettings(boolean querySanitization, boolean connectionSpans, boolean transactionSpans,
		boolean rootSpans, List<String> excludedDataSources, int maxQueryLength) {

	/** The longest query text recorded, whatever the attribute length limit. */
	public static final int MAX_QUERY_LENGTH = 32 * 1024;

	/**
	 * Copies the list.
	 */
	public JdbcTracingSettings {
		excludedDataSources = List.copyOf(excludedDataSources);
	}

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static JdbcTracingSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		String jdbc = OtelPropertyNames.JDBC_INSTRUMENTATION;
		String sanitizationKey = properties.firstSet(jdbc + "query-sanitization.enabled",
				OtelPropertyNames.COMMON_DB_QUERY_SANITIZATION);
		boolean sanitization = properties.getBoolean(sanitizationKey, true);
		boolean connectionSpans = properties.getBoolean(jdbc + "experimental.datasource.enabled", false);
		boolean transactionSpans = properties.getBoolean(jdbc + "experimental.transaction.enabled", false);
		boolean rootSpans = properties.getBoolean(OtelPropertyNames.SPRING_JDBC + "root-spans", false);
		List<String> excluded = properties.getNames(OtelPropertyNames.SPRING_JDBC + "excluded-data-sources");
		int maxQueryLength = Math.min(MAX_QUERY_LENGTH, SpanLimitsSettings.from(environment).maxAttributeValueLength());
		return new JdbcTracingSettings(sanitization, connectionSpans, transactionSpans, rootSpans, excluded,
				maxQueryLength);
	}

}
