package dev.otelspring.autoconfigure.logs;

import dev.otelspring.test.OtlpGrpcReceiver;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedLogRecord;
import dev.otelspring.test.TestHttp;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.log4j2.Log4J2LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log export with Log4j2 as the logging system (Logback off the class path, SLF4J
 * bound to Log4j2, as {@code spring-boot-starter-log4j2} sets an application up); and a
 * reconfiguration of Log4j2, the switch and {@code none}.
 */
class Log4j2LogExportIntegrationTests extends AbstractLogExportIntegrationTests {

	@Override
	String mdcAttributesKey() {
		return "otel.instrumentation.log4j-appender.experimental.capture-mdc-attributes";
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
