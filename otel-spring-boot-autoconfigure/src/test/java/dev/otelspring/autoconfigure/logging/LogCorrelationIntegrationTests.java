package dev.otelspring.autoconfigure.logging;

import java.util.List;

import dev.otelspring.autoconfigure.aop.TracedTestApplication;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace ids in the MDC and in Spring Boot's default log pattern. The context storage
 * wrapper is installed once per JVM before anything uses the OpenTelemetry context, so
 * this class runs in a JVM of its own (see the surefire configuration), as an application
 * does.
 */
@WithOtlpReceiver
@SpringBootTest(classes = TracedTestApplication.class, properties = "spring.application.name=mdc-test")
@ExtendWith(OutputCaptureExtension.class)
class LogCorrelationIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@Autowired
	OpenTelemetry openTelemetry;

	@Autowired
	TracedTestApplication.Orders orders;

	@Test
	void traceIdsAreInTheMdcWhileASpanIsCurrentAndGoneAfter(CapturedOutput output) {
		assertThat(LogCorrelation.isInstalled()).isTrue();
		Span root = this.openTelemetry.getTracer("test").spanBuilder("root").startSpan();
		String traceId = root.getSpanContext().getTraceId();
		try (Scope scope = root.makeCurrent()) {
			assertThat(MDC.get("trace_id")).isEqualTo(traceId);
			assertThat(MDC.get("span_id")).isEqualTo(root.getSpanContext().getSpanId());
			assertThat(MDC.get("trace_flags")).isEqualTo(root.getSpanContext().getTraceFlags().asHex());
			this.orders.place("o-2", 1, 1.0, false, List.of(), new long[0], null, "c");
			// Back in the root span's scope after the nested @Traced span closed.
			assertThat(MDC.get("span_id")).isEqualTo(root.getSpanContext().getSpanId());
			LoggerFactory.getLogger("orders").info("placing order");
		}
		finally {
			root.end();
		}
		assertThat(TracedTestApplication.mdcInside.get()).containsEntry("trace_id", traceId)
			.doesNotContainEntry("span_id", root.getSpanContext().getSpanId())
			.containsKey("span_id");
		assertThat(MDC.get("trace_id")).isNull();
		assertThat(MDC.get("span_id")).isNull();
		assertThat(MDC.get("trace_flags")).isNull();
		// Spring Boot's default pattern shows them, with no configuration.
		assertThat(output).contains("[" + traceId + "," + root.getSpanContext().getSpanId() + "]")
			.contains("placing order");
	}

}
