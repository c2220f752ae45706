package dev.otelspring.autoconfigure.micrometer;

import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beside Actuator and Micrometer Tracing's OpenTelemetry bridge (Spring Boot's
 * {@code spring-boot-starter-opentelemetry} on Boot 4), with Boot's own sampling and OTLP
 * keys set too: the application has one {@code OpenTelemetry}, this starter's, under
 * Micrometer's tracer; a request is one SERVER span, its call one CLIENT span, and the
 * {@code @Observed} and {@code @NewSpan} methods are spans under the request, each span
 * received once; Spring's HTTP metrics are still recorded, and Boot's keys are reported
 * as having no effect.
 */
@WithOtlpReceiver
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "management.observations.annotations.enabled=true",
				"management.tracing.sampling.probability=1.0",
				"management.otlp.tracing.endpoint=http://127.0.0.1:9/v1/traces",
				"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces",
				"management.otlp.metrics.export.enabled=false" })
class MicrometerTracingCoexistenceTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void oneOpenTelemetryOneSpanPerRequestAndCallAndObservedMethodsInTheTrace(CapturedOutput output) {
		assertThat(this.context.getBeansOfType(OpenTelemetry.class)).containsOnlyKeys("openTelemetry");
		assertThat(this.context.getBean(io.micrometer.tracing.Tracer.class)).isInstanceOf(OtelTracer.class);
		assertThat(TestHttp.send("GET", "http://127.0.0.1:" + this.port + "/hello", null).body())
			.isEqualTo("hello world");
		ReceivedSpan server = this.receiver.awaitSpanNamed("GET /hello");
		await().until(() -> trace(server.traceId()).size() >= 5);
		await().pollDelay(java.time.Duration.ofMillis(300)).until(() -> true);
		List<ReceivedSpan> trace = trace(server.traceId());
		assertThat(trace).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("GET /hello", "GET", "GET /downstream", "audit-greeting", "compose-greeting");
		assertThat(trace).filteredOn((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER).hasSize(2);
		assertThat(trace).filteredOn((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT)
			.singleElement()
			.satisfies((client) -> assertThat(client.parentSpanId()).isEqualTo(server.spanId()));
		assertThat(named(trace, "GET /downstream").parentSpanId()).isEqualTo(named(trace, "GET").spanId());
		assertThat(named(trace, "compose-greeting").parentSpanId()).isEqualTo(server.spanId());
		assertThat(named(trace, "audit-greeting").parentSpanId()).isEqualTo(server.spanId());
		// A scheduled run is this starter's root span alone.
		ReceivedSpan tick = this.receiver.awaitSpanNamed("Ticker.tick");
		assertThat(tick.parentSpanId()).isEmpty();
		// Micrometer's tracer made only the @Observed and @NewSpan spans: Spring's
		// observations of requests, calls and scheduled runs made none.
		assertThat(this.receiver.spans()).filteredOn((span) -> "org.springframework.boot".equals(span.scope()))
			.extracting(ReceivedSpan::name)
			.containsOnly("compose-greeting", "audit-greeting");
		// Each span arrived once, through this starter's one OTLP exporter.
		assertThat(this.context.getBeansOfType(OtlpHttpSpanExporter.class)).hasSize(1);
		assertThat(this.receiver.spans().stream().map(ReceivedSpan::spanId)).doesNotHaveDuplicates();
		// Spring's observation of the request still makes its timer.
		assertThat(this.context.getBean(MeterRegistry.class).find("http.server.requests").tag("uri", "/hello").timer())
			.isNotNull();
		// The log line inside the request carries the request's ids.
		assertThat(output.getOut()).contains("[" + server.traceId() + ",");
		assertThat(output.getOut())
			.contains("management.tracing.sampling.probability has no effect beside otel-spring-boot-starter")
			.contains("use otel.traces.sampler and otel.traces.sampler.arg")
			.contains("management.otlp.tracing.endpoint has no effect");
	}

	private List<ReceivedSpan> trace(String traceId) {
		return this.receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
		return trace.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

}
