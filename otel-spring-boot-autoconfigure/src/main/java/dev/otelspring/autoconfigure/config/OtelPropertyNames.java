package dev.otelspring.autoconfigure.config;

/**
 * The names of the standard {@code otel.*} keys and of this starter's switches, in one
 * place. Only this package reads keys by name.
 */
final class OtelPropertyNames {

	static final String SDK_DISABLED = "otel.sdk.disabled";

	static final String SERVICE_NAME = "otel.service.name";

	static final String RESOURCE_ATTRIBUTES = "otel.resource.attributes";

	static final String RESOURCE_DISABLED_KEYS = "otel.resource.disabled.keys";

	static final String RESOURCE_PROVIDERS_ENABLED = "otel.java.enabled.resource.providers";

	static final String RESOURCE_PROVIDERS_DISABLED = "otel.java.disabled.resource.providers";

	static final String TRACES_SAMPLER = "otel.traces.sampler";

	static final String TRACES_SAMPLER_ARG = "otel.traces.sampler.arg";

	static final String TRACES_EXPORTER = "otel.traces.exporter";

	static final String PROPAGATORS = "otel.propagators";

	static final String METRICS_EXPORTER = "otel.metrics.exporter";

	static final String METRIC_EXPORT_INTERVAL = "otel.metric.export.interval";

	static final String METRICS_EXEMPLAR_FILTER = "otel.metrics.exemplar.filter";

	static final String METRICS_CARDINALITY_LIMIT = "otel.java.metrics.cardinality.limit";

	static final String LOGS_EXPORTER = "otel.logs.exporter";

	static final String BLRP_SCHEDULE_DELAY = "otel.blrp.schedule.delay";

	static final String BLRP_MAX_QUEUE_SIZE = "otel.blrp.max.queue.size";

	static final String BLRP_MAX_EXPORT_BATCH_SIZE = "otel.blrp.max.export.batch.size";

	static final String BLRP_EXPORT_TIMEOUT = "otel.blrp.export.timeout";

	static final String OTLP_LOGS = "otel.exporter.otlp.logs.";

	static final String APPENDER_MDC_SUFFIX = ".experimental.capture-mdc-attributes";

	static final String OTLP_METRICS = "otel.exporter.otlp.metrics.";

	static final String OTLP_METRICS_TEMPORALITY = OTLP_METRICS + "temporality.preference";

	static final String OTLP_METRICS_HISTOGRAM_AGGREGATION = OTLP_METRICS + "default.histogram.aggregation";

	static final String BSP_SCHEDULE_DELAY = "otel.bsp.schedule.delay";

	static final String BSP_MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";

	static final String BSP_MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";

	static final String BSP_EXPORT_TIMEOUT = "otel.bsp.export.timeout";

	static final String OTLP = "otel.exporter.otlp.";

	static final String OTLP_TRACES = "otel.exporter.otlp.traces.";

	static final String INSTRUMENTATION = "otel.instrumentation.";

	static final String INSTRUMENTATION_DEFAULT_ENABLED = "otel.instrumentation.common.default-enabled";

	static final String SHUTDOWN_TIMEOUT = "otel.spring.shutdown.timeout";

	static final String SAMPLING = "otel.spring.sampling";

	static final String EXPORTER_RETRY = "otel.spring.exporter.retry";

	static final String EXPORT_HEALTH = "otel.spring.export.health";

	static final String CONTEXT_PROPAGATION = "otel.spring.context-propagation";

	static final String HTTP_INSTRUMENTATION = "otel.instrumentation.http";

	static final String SPRING_HTTP = "otel.spring.http";

	static final String BAGGAGE = "otel.spring.baggage";

	static final String JDBC_INSTRUMENTATION = "otel.instrumentation.jdbc.";

	static final String COMMON_DB_QUERY_SANITIZATION = "otel.instrumentation.common.db.query-sanitization.enabled";

	static final String SPRING_JDBC = "otel.spring.jdbc.";

	static final String SPRING_SCHEDULING = "otel.spring.scheduling.";

	static final String TRACE_VIEW = "otel.spring.trace-view";

	private OtelPropertyNames() {
	}

	/**
	 * Returns the environment variable that sets the given property, for messages.
	 * @param property a property name such as {@code otel.traces.sampler}
	 * @return the variable name, such as {@code OTEL_TRACES_SAMPLER}
	 */
	static String toEnvironmentVariable(String property) {
		return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
	}

}
