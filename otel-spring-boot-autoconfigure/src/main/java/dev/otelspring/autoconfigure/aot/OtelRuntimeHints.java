package dev.otelspring.autoconfigure.aot;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * The runtime hints of the starter, registered through
 * {@code META-INF/spring/aot.factories}: the JDK proxies it puts around JDBC connections
 * and statements and around Kafka producers (whose methods it calls reflectively), the
 * fields it reads from Spring Kafka's listener container factories, the method it calls
 * on Spring's delegating data sources, and the annotations it reads ({@code @Traced},
 * {@code @SpanAttribute}, and the official starter's {@code @WithSpan} and
 * {@code @SpanAttribute}), the trace view's page, a resource, and the metric builders the
 * export statistics proxy to read the span queue's size. Types that are not on the class
 * path get none.
 */
public class OtelRuntimeHints implements RuntimeHintsRegistrar {

	private static final String PRODUCER = "org.apache.kafka.clients.producer.Producer";

	private static final String CONTAINER_FACTORY = "org.springframework.kafka.config.AbstractKafkaListenerContainerFactory";

	private static final String DELEGATING_DATA_SOURCE = "org.springframework.jdbc.datasource.DelegatingDataSource";

	private static final String TRACE_VIEW_PAGE = "dev/otelspring/autoconfigure/traceview/trace-view.html";

	private static final String[] ANNOTATIONS = { "dev.otelspring.annotation.Traced",
			"dev.otelspring.annotation.SpanAttribute", "io.opentelemetry.instrumentation.annotations.WithSpan",
			"io.opentelemetry.instrumentation.annotations.SpanAttribute" };

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (Class<?> type : new Class<?>[] { Connection.class, Statement.class, PreparedStatement.class,
				CallableStatement.class }) {
			hints.proxies().registerJdkProxy(type);
			hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		for (Class<?> type : new Class<?>[] { DoubleGaugeBuilder.class, LongGaugeBuilder.class,
				LongUpDownCounterBuilder.class }) {
			hints.proxies().registerJdkProxy(type);
		}
		if (ClassUtils.isPresent(PRODUCER, classLoader)) {
			hints.proxies().registerJdkProxy(TypeReference.of(PRODUCER));
			hints.reflection().registerType(TypeReference.of(PRODUCER), MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		if (ClassUtils.isPresent(CONTAINER_FACTORY, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of(CONTAINER_FACTORY),
						(type) -> type.withField("recordInterceptor").withField("batchInterceptor"));
		}
		if (ClassUtils.isPresent(DELEGATING_DATA_SOURCE, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of(DELEGATING_DATA_SOURCE), MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		for (String annotation : ANNOTATIONS) {
			if (ClassUtils.isPresent(annotation, classLoader)) {
				hints.reflection().registerType(TypeReference.of(annotation), MemberCategory.INVOKE_DECLARED_METHODS);
			}
		}
		hints.resources().registerPattern(TRACE_VIEW_PAGE);
	}

}
