package dev.otelspring.autoconfigure.logs;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpReceiver;
import dev.otelspring.test.ReceivedLogRecord;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Log lines of a real application, from its first start-up lines to lines logged inside
 * requests, decoded from a real OTLP receiver, through an outage; what every logging
 * system's appender must do. Subclasses name the logging system's MDC key setting and add
 * what is its own.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractLogExportIntegrationTests {

	/**
	 * Returns the key that names the MDC entries copied onto records.
	 * @return the appender's {@code capture-mdc-attributes} key
	 */
	abstract String mdcAttributesKey();

	ConfigurableApplicationContext start(OtlpReceiver receiver, String... properties) {
		return new SpringApplicationBuilder(LogsTestApplication.class)
			.properties("server.port=0", "otel.service.name=log-test", "otel.bsp.schedule.delay=50ms",
					"otel.blrp.schedule.delay=100ms", "otel.metrics.exporter=none",
					"otel.exporter.otlp.endpoint=" + receiver.endpoint(),
					"otel.spring.http.server.trace-response-header=true", mdcAttributesKey() + "=order.id")
			.properties(properties)
			.run();
	}

	static String url(ConfigurableApplicationContext context, String path) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path;
	}

	@Test
	void recordsCarryTheTraceSeverityLoggerThreadExceptionAndChosenMdc() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
				ConfigurableApplicationContext context = start(receiver)) {
			HttpResponse<String> response = TestHttp.get(url(context, "/api/log/o-17"));
			String traceId = TestHttp.traceId(response);
			ReceivedSpan server = receiver.awaitSpan((span) -> span.traceId().equals(traceId)
					&& span.kind() == io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
			ReceivedLogRecord info = receiver.awaitLogRecord((record) -> record.body().equals("placing order o-17"));
			assertThat(info.traceId()).isEqualTo(traceId);
			assertThat(info.spanId()).isEqualTo(server.spanId());
			assertThat(info.severityText()).isEqualTo("INFO");
			assertThat(info.record().getSeverityNumberValue()).isEqualTo(9);
			assertThat(info.scope()).isEqualTo("com.example.orders.OrderService");
			assertThat(info.resource()).containsEntry("service.name", "log-test");
			assertThat(info.attributes()).containsEntry("order.id", "o-17")
				.containsKey("thread.name")
				.containsKey("thread.id")
				.doesNotContainKeys("secret.token", "trace_id", "span_id");
			ReceivedLogRecord warn = receiver
				.awaitLogRecord((record) -> record.body().equals("payment failed for order o-17"));
			assertThat(warn.severityText()).isEqualTo("WARN");
			assertThat(warn.record().getSeverityNumberValue()).isEqualTo(13);
			assertThat(warn.traceId()).isEqualTo(traceId);
			assertThat(warn.attributes()).containsEntry("exception.type", IllegalStateException.class.getName())
				.containsEntry("exception.message", "card declined");
			assertThat((String) warn.attributes().get("exception.stacktrace"))
				.contains("at dev.otelspring.autoconfigure.logs.LogsTestApplication$Endpoints.log");
		}
	}

	@Test
	void linesLoggedBeforeTheSdkWasReadyAreDelivered() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
				ConfigurableApplicationContext context = start(receiver)) {
			ReceivedLogRecord early = receiver
				.awaitLogRecord((record) -> record.body().equals(LogsTestApplication.EARLY_LINE));
			assertThat(early.traceId()).isEmpty();
			// Spring Boot's own first line, written before the context existed.
			receiver.awaitLogRecord(
					(record) -> record.body().startsWith("Starting ") && record.body().contains(" using Java "));
			assertThat(early.record().getTimeUnixNano()).isPositive();
		}
	}

	@Test
	void anOutageLosesItsRecordsOnlyAndNeverLoops(CapturedOutput output) {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
				ConfigurableApplicationContext context = start(receiver)) {
			receiver.awaitLogRecord((record) -> record.body().equals(LogsTestApplication.EARLY_LINE));
			receiver.setMode(OtlpHttpReceiver.Mode.DOWN);
			for (int i = 0; i < 50; i++) {
				TestHttp.get(url(context, "/api/say/during-" + i));
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> output.getOut().contains("Log record export is failing"));
			receiver.setMode(OtlpHttpReceiver.Mode.OK);
			TestHttp.get(url(context, "/api/say/after"));
			receiver.awaitLogRecord((record) -> record.body().equals("said after"));
			await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("Log record export recovered"));
			assertThat(output.getOut().split("Log record export is failing", -1)).hasSize(2);
			List<ReceivedLogRecord> records = receiver.logRecords();
			assertThat(records).noneMatch((record) -> record.scope().startsWith("io.opentelemetry."));
		}
	}

}
