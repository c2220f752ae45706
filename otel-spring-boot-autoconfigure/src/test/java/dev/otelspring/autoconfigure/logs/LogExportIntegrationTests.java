package dev.otelspring.autoconfigure.logs;

import ch.qos.logback.classic.LoggerContext;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.test.OtlpGrpcReceiver;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedLogRecord;
import dev.otelspring.test.TestHttp;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The log export with Logback, Spring Boot's default logging system; and, for every
 * logging system, gRPC, {@code none} and bad values.
 */
class LogExportIntegrationTests extends AbstractLogExportIntegrationTests {

	@Override
	String mdcAttributesKey() {
		return "otel.instrumentation.logback-appender.experimental.capture-mdc-attributes";
	}

	@Test
	void exportsOverGrpc() throws Exception {
		try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start();
				ConfigurableApplicationContext context = start(receiver, "otel.exporter.otlp.protocol=grpc")) {
			TestHttp.get(url(context, "/api/say/grpc-hello"));
			ReceivedLogRecord record = receiver.awaitLogRecord((received) -> received.body().equals("said grpc-hello"));
			assertThat(record.traceId()).hasSize(32);
		}
	}

	@Test
	void noneMeansNoLoggerProviderAndNoAppender() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
				ConfigurableApplicationContext context = start(receiver, "otel.logs.exporter=none")) {
			// Spring Boot's Actuator declares a logger provider of its own, with no
			// exporter; the SDK leaves it out.
			assertThat(context.getBean(OpenTelemetry.class).getLogsBridge().get("probe"))
				.isSameAs(LoggerProvider.noop().get("probe"));
			LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
			assertThat(
					logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(OpenTelemetryLogbackAppender.NAME))
				.isNull();
		}
	}

	@Test
	void badValuesStopStartupNamingTheKey() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			Throwable failure = catchThrowable(() -> start(receiver, "otel.logs.exporter=syslog").close());
			while (!(failure instanceof InvalidOtelPropertyException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(InvalidOtelPropertyException.class);
			assertThat(((InvalidOtelPropertyException) failure).getProperty()).isEqualTo("otel.logs.exporter");
			Throwable queue = catchThrowable(() -> start(receiver, "otel.blrp.max.queue.size=0").close());
			while (!(queue instanceof InvalidOtelPropertyException) && queue.getCause() != null) {
				queue = queue.getCause();
			}
			assertThat(((InvalidOtelPropertyException) queue).getProperty()).isEqualTo("otel.blrp.max.queue.size");
		}
	}

}
