package dev.otelspring.autoconfigure.exporter;

import java.util.concurrent.TimeUnit;

import dev.otelspring.autoconfigure.config.ExporterRetryProperties;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtlpExporterSettings;
import dev.otelspring.autoconfigure.config.OtlpProtocol;
import dev.otelspring.test.TestEnvironment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpSpanExporterAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class));

	@Test
	void suppliesAnHttpExporterWithItsSettingsAndSendThreadsByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class)
				.hasSingleBean(OtlpExporterSettings.class)
				.hasSingleBean(ExporterRetryProperties.class)
				.hasSingleBean(OtlpExportThreads.class)
				.hasBean("otelOtlpExportThreads")
				.doesNotHaveBean(OtlpGrpcSpanExporter.class);
			assertThat(context.getBean(OtlpExporterSettings.class).getProtocol()).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
			assertThat(context.getBean(OtlpHttpSpanExporter.class).toString())
				.contains("endpoint=http://localhost:4318/v1/traces");
		});
	}

	@Test
	void grpcSuppliesAGrpcExporterWithoutTheHttpSendThreads() {
		this.runner.withPropertyValues("otel.exporter.otlp.protocol=grpc").run((context) -> {
			assertThat(context).hasSingleBean(OtlpGrpcSpanExporter.class)
				.doesNotHaveBean(OtlpHttpSpanExporter.class)
				.doesNotHaveBean(OtlpExportThreads.class);
			assertThat(context.getBean(OtlpGrpcSpanExporter.class).toString())
				.contains("endpoint=http://localhost:4317");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "otel.exporter.otlp.protocol=http/protobuf|true|false",
					"otel.exporter.otlp.protocol=grpc|false|true", "otel.exporter.otlp.traces.protocol=grpc|false|true",
					"otel.exporter.otlp.protocol=grpc,otel.exporter.otlp.traces.protocol=http/protobuf|true|false",
					"otel.exporter.otlp.protocol=http/protobuf,otel.exporter.otlp.traces.protocol=grpc|false|true" })
	void protocolChoosesTheExporter(String properties, boolean http, boolean grpc) {
		this.runner.withPropertyValues(properties.split(",")).run((context) -> {
			assertThat(context.getBeansOfType(OtlpHttpSpanExporter.class)).hasSize(http ? 1 : 0);
			assertThat(context.getBeansOfType(OtlpExportThreads.class)).hasSize(http ? 1 : 0);
			assertThat(context.getBeansOfType(OtlpGrpcSpanExporter.class)).hasSize(grpc ? 1 : 0);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "otel.traces.exporter=otlp|true", "otel.traces.exporter=otlp,console|true",
					"otel.traces.exporter=console|false", "otel.traces.exporter=none|false",
					"otel.sdk.disabled=true|false", "otel.sdk.disabled=false|true" })
	void switches(String properties, boolean exporter) {
		this.runner.withPropertyValues(properties.split(",(?=otel)")).run((context) -> {
			assertThat(context.getBeansOfType(SpanExporter.class)).hasSize(exporter ? 1 : 0);
			assertThat(context.getBeansOfType(OtlpExporterSettings.class)).hasSize(exporter ? 1 : 0);
		});
	}

	@Test
	void backsOffOnTheUsersHttpExporterAndItsThreadsWithIt() {
		OtlpHttpSpanExporter mine = OtlpHttpSpanExporter.builder().setEndpoint("http://localhost:1/v1/traces").build();
		try {
			this.runner.withBean(OtlpHttpSpanExporter.class, () -> mine).run((context) -> {
				assertThat(context).getBean(OtlpHttpSpanExporter.class).isSameAs(mine);
				// The send threads belong to our exporter.
				assertThat(context).doesNotHaveBean(OtlpExportThreads.class);
			});
		}
		finally {
			mine.shutdown();
		}
	}

	@Test
	void backsOffOnTheUsersGrpcExporter() {
		OtlpGrpcSpanExporter mine = OtlpGrpcSpanExporter.builder().setEndpoint("http://localhost:1").build();
		try {
			this.runner.withPropertyValues("otel.exporter.otlp.protocol=grpc")
				.withBean(OtlpGrpcSpanExporter.class, () -> mine)
				.run((context) -> assertThat(context).getBean(OtlpGrpcSpanExporter.class).isSameAs(mine));
		}
		finally {
			mine.shutdown();
		}
	}

	@Test
	void backsOffOnTheUsersOpenTelemetry() {
		this.runner.withBean(OpenTelemetry.class, OpenTelemetry::noop)
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExporter.class)
				.doesNotHaveBean(OtlpExporterSettings.class)
				.doesNotHaveBean(OtlpExportThreads.class));
	}

	@Test
	void usersSettingsBeansAreUsed() {
		this.runner
			.withBean(OtlpExporterSettings.class,
					() -> OtlpExporterSettings
						.from(TestEnvironment.of("otel.exporter.otlp.traces.endpoint", "http://collector:9999/custom")))
			.run((context) -> assertThat(context.getBean(OtlpHttpSpanExporter.class).toString())
				.contains("endpoint=http://collector:9999/custom"));
	}

	@Test
	void absentExporterClassNoExporter() {
		this.runner.withClassLoader(new FilteredClassLoader(OtlpHttpSpanExporter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExporter.class)
				.doesNotHaveBean(OtlpExporterSettings.class));
		this.runner.withClassLoader(new FilteredClassLoader(OpenTelemetry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExporter.class));
	}

	@Test
	void customizersSeeTheBuilderAfterTheProperties() {
		this.runner.withPropertyValues("otel.exporter.otlp.endpoint=http://from-properties:4318")
			.withBean(OtlpHttpSpanExporterBuilderCustomizer.class,
					() -> (builder) -> builder.setEndpoint("http://from-customizer:4318/v1/traces"))
			.run((context) -> assertThat(context.getBean(OtlpHttpSpanExporter.class).toString())
				.contains("endpoint=http://from-customizer:4318/v1/traces"));
		this.runner.withPropertyValues("otel.exporter.otlp.protocol=grpc")
			.withBean(OtlpGrpcSpanExporterBuilderCustomizer.class,
					() -> (builder) -> builder.setEndpoint("http://from-customizer:4317"))
			.run((context) -> assertThat(context.getBean(OtlpGrpcSpanExporter.class).toString())
				.contains("endpoint=http://from-customizer:4317"));
	}

	@Test
	void sendThreadsAreNamedDaemonsStoppedWithTheContext() {
		this.runner.run((context) -> {
			OtlpExportThreads threads = context.getBean(OtlpExportThreads.class);
			Thread thread = threads.executor().submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			assertThat(thread.getName()).startsWith(OtlpExportThreads.NAME_PREFIX);
			assertThat(thread.isDaemon()).isTrue();
			context.close();
			assertThat(threads.executor().isShutdown()).isTrue();
		});
	}

	@Test
	void invalidProtocolStopsStartupNamingTheKey() {
		this.runner.withPropertyValues("otel.exporter.otlp.protocol=http/json").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.exporter.otlp.protocol");
		});
	}

}
