package dev.otelspring.autoconfigure.aot;

import java.sql.Connection;
import java.sql.PreparedStatement;

import dev.otelspring.annotation.Traced;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.FieldHint;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints cover what the starter reaches by reflection and JDK proxies, and
 * Spring's AOT processing finds them through {@code META-INF/spring/aot.factories}.
 */
class OtelRuntimeHintsTests {

	@Test
	void areRegisteredForAheadOfTimeProcessing() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(OtelRuntimeHints.class);
	}

	@Test
	void coverTheProxiesFieldsMethodsAndAnnotationsTheStarterUses() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new OtelRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Connection.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(PreparedStatement.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Producer.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethod(Producer.class.getMethod("send", org.apache.kafka.clients.producer.ProducerRecord.class,
					org.apache.kafka.clients.producer.Callback.class)))
			.accepts(hints);
		// The field hints are read directly: the predicate for fields changed between
		// Spring Framework 6 and 7.
		assertThat(hints.reflection().getTypeHint(AbstractKafkaListenerContainerFactory.class).fields())
			.extracting(FieldHint::getName)
			.contains("recordInterceptor", "batchInterceptor");
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethod(DelegatingDataSource.class.getMethod("getTargetDataSource"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Traced.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(WithSpan.class)).accepts(hints);
		assertThat(
				RuntimeHintsPredicates.resource().forResource("dev/otelspring/autoconfigure/traceview/trace-view.html"))
			.accepts(hints);
	}

}
