package dev.otelspring.autoconfigure.exporter.console;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ConsoleTraceExporterAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConsoleTraceExporterAutoConfiguration.class));

	private final ApplicationContextRunner console = this.runner.withPropertyValues("otel.traces.exporter=console");

	@Test
	void suppliesTheConsoleExporterThatLogsEachTrace(CapturedOutput output) {
		this.console.run((context) -> {
			assertThat(context).hasSingleBean(ConsoleTraceExporter.class).hasBean("consoleTraceExporter");
			SpanData span = endedSpan("GET /orders");
			context.getBean(ConsoleTraceExporter.class).export(List.of(span));
			assertThat(output).contains("Trace " + span.getTraceId()).contains("GET /orders (");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "otel.traces.exporter=console|true", "otel.traces.exporter=otlp,console|true",
					"otel.traces.exporter=console,otlp|true", "otel.traces.exporter=otlp|false",
					"otel.traces.exporter=none|false", "otel.sdk.disabled=true,otel.traces.exporter=console|false",
					"otel.sdk.disabled=false,otel.traces.exporter=console|true", "otel.sdk.disabled=false|false" })
	void switches(String properties, boolean exporter) {
		this.runner.withPropertyValues(properties.split(",(?=otel)"))
			.run((context) -> assertThat(context.getBeansOfType(ConsoleTraceExporter.class)).hasSize(exporter ? 1 : 0));
	}

	@Test
	void backsOffOnTheUsersConsoleExporter() {
		ConsoleTraceExporter mine = new ConsoleTraceExporter((tree) -> {
		}, 1, 1);
		this.console.withBean(ConsoleTraceExporter.class, () -> mine)
			.run((context) -> assertThat(context).getBean(ConsoleTraceExporter.class).isSameAs(mine));
	}

	@Test
	void backsOffOnTheUsersOpenTelemetry() {
		this.console.withBean(OpenTelemetry.class, OpenTelemetry::noop)
			.run((context) -> assertThat(context).doesNotHaveBean(ConsoleTraceExporter.class));
	}

	@Test
	void absentClassNoExporter() {
		this.console.withClassLoader(new FilteredClassLoader(SpanExporter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConsoleTraceExporter.class));
		this.console.withClassLoader(new FilteredClassLoader(OpenTelemetry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConsoleTraceExporter.class));
	}

	private static SpanData endedSpan(String name) {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(spans))
			.build()) {
			Span span = provider.get("test").spanBuilder(name).startSpan();
			span.end();
			return spans.getFinishedSpanItems().get(0);
		}
	}

}
