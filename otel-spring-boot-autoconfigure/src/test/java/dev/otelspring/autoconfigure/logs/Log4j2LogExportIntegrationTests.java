package dev.otelspring.autoconfigure.logs;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.otelspring.test.OtlpGrpcReceiver;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpReceiver;
import dev.otelspring.test.ReceivedLogRecord;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.log4j2.Log4J2LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log export of {@link LogExportIntegrationTests} with Log4j2 as the logging system
 * (Logback off the class path, SLF4J bound to Log4j2): records decoded from a real OTLP
 * receiver, the first start-up lines, an outage, a reconfiguration of Log4j2.
 */
@ExtendWith(OutputCaptureExtension.class)
class Log4j2LogExportIntegrationTests {

	private static ConfigurableApplicationContext start(OtlpReceiver receiver, String... properties) {
		return new SpringApplicationBuilder(LogsTestApplication.class)
			.properties("server.port=0", "otel.service.name=log4j2-test", "otel.bsp.schedule.delay=50ms",
					"otel.blrp.schedule.delay=100ms", "otel.metrics.exporter=none",
					"otel.exporter.otlp.endpoint=" + receiver.endpoint(),
					"otel.spring.http.server.trace-response-header=true",
					"otel.instrumentation.log4j-appender.experimental.capture-mdc-attributes=order.id")
			.properties(properties)
			.run();
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path;
	}

	private static LoggerContext log4j() {
		return (LoggerContext) LogManager.getContext(false);
	}

	@Test
	void log4j2IsTheLoggingSystem() {
		assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(Log4J2LoggingSystem.class);
		assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("org.apache.logging.");
		assertThat(LogManager.getContext(false)).isInstanceOf(LoggerContext.class);
	}

	@Test
	void recordsCarryTheTraceSeverityLoggerThreadExceptionAndChosenMdc() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
				ConfigurableApplicationContext context = start(receiver)) {
			HttpResponse<String> response = TestHttp.get(url(context, "/api/log/o-21"));
			String traceId = TestHttp.traceId(response);
			ReceivedSpan server = receiver.awaitSpan((span) -> span.traceId().equals(traceId)
					&& span.kind() == io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
			ReceivedLogRecord info = receiver.awaitLogRecord((record) -> record.body().equals("placing order o-21"));
			assertThat(info.traceId()).isEqualTo(traceId);
			assertThat(info.spanId()).isEqualTo(server.spanId());
			assertThat(info.severityText()).isEqualTo("INFO");
			assertThat(info.record().getSeverityNumberValue()).isEqualTo(9);
			assertThat(info.scope()).isEqualTo("com.example.orders.OrderService");
			assertThat(info.resource()).containsEntry("service.name", "log4j2-test");
			assertThat(info.attributes()).containsEntry("order.id", "o-21")
				.containsKey("thread.name")
				.containsKey("thread.id")
				.doesNotContainKeys("secret.token", "trace_id", "span_id");
			ReceivedLogRecord warn = receiver
				.awaitLogRecord((record) -> record.body().equals("payment failed for order o-21"));
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
			receiver.awaitLogRecord(
					(record) -> record.body().startsWith("Starting ") && record.body().contains(" using Java "));
		}
	}

	@Test
	void aReconfigurationOfLog4j2KeepsTheExport() throws Exception {
		try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start();
				ConfigurableApplicationContext context = start(receiver, "otel.exporter.otlp.protocol=grpc")) {
			TestHttp.get(url(context, "/api/say/before-reconfiguration"));
			receiver.awaitLogRecord((record) -> record.body().equals("said before-reconfiguration"));
			// A configuration from Log4j2's own defaults (root at ERROR) replaces Spring
			// Boot's; the lines of the test are INFO.
			log4j().reconfigure();
			Configurator.setRootLevel(Level.INFO);
			assertThat(log4j().getConfiguration().getRootLogger().getAppenders())
				.containsKey(OpenTelemetryLog4j2Appender.NAME);
			TestHttp.get(url(context, "/api/say/after-reconfiguration"));
			ReceivedLogRecord after = receiver
				.awaitLogRecord((record) -> record.body().equals("said after-reconfiguration"));
			assertThat(after.traceId()).hasSize(32);
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
			assertThat(output.getOut().split("Log record export is failing", -1)).hasSize(2);
			assertThat(receiver.logRecords()).noneMatch((record) -> record.scope().startsWith("io.opentelemetry."));
		}
	}

	@Test
	void switchedOffOrWithoutExporterTheAppenderIsNotThere() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			try (ConfigurableApplicationContext context = start(receiver, "otel.logs.exporter=none")) {
				assertThat(log4j().getConfiguration().getRootLogger().getAppenders())
					.doesNotContainKey(OpenTelemetryLog4j2Appender.NAME);
			}
			try (ConfigurableApplicationContext context = start(receiver,
					"otel.instrumentation.log4j-appender.enabled=false")) {
				assertThat(log4j().getConfiguration().getRootLogger().getAppenders())
					.doesNotContainKey(OpenTelemetryLog4j2Appender.NAME);
				TestHttp.get(url(context, "/api/say/unexported"));
				TestHttp.get(url(context, "/api/say/traced"));
				receiver.awaitSpan((span) -> span.name().equals("GET /api/say/{word}"));
				assertThat(receiver.logRecords()).noneMatch((record) -> record.body().equals("said unexported"));
			}
		}
	}

}
