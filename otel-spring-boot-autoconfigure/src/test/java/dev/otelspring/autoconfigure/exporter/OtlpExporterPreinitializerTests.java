package dev.otelspring.autoconfigure.exporter;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link OtlpExporterPreinitializer} starts its background thread, and that it is registered
 * for every application.
 */
class OtlpExporterPreinitializerTests {

	private static final long TIMEOUT_MILLIS = 30_000;

	private final OtlpExporterPreinitializer preinitializer = new OtlpExporterPreinitializer();

	@Test
	void startsADaemonThreadThatFinishesWhenTheExporterIsOtlpOverHttp() throws InterruptedException {
		Thread thread = this.preinitializer.start(new StandardEnvironment(), 2);
		assertThat(thread).isNotNull();
		assertThat(thread.isDaemon()).isTrue();
		assertThat(thread.getName()).isEqualTo(OtlpExporterPreinitializer.THREAD_NAME);
		thread.join(TIMEOUT_MILLIS);
		assertThat(thread.isAlive()).isFalse();
	}

	@Test
	void startsAlongsideTheConsoleExporter() throws InterruptedException {
		assertThat(startWith("otel.traces.exporter", "console,otlp")).isNotNull();
	}

	@Test
	void startsNothingOnASingleProcessor() {
		assertThat(this.preinitializer.start(new StandardEnvironment(), 1)).isNull();
	}

	@Test
	void startsNothingWhenSwitchedOff() throws InterruptedException {
		assertThat(startWith("otel.spring.exporter.preinitialize", "false")).isNull();
	}

	@Test
	void startsNothingWhenTheSdkIsDisabled() throws InterruptedException {
		assertThat(startWith("otel.sdk.disabled", "true")).isNull();
	}

	@Test
	void startsNothingWithoutTheOtlpExporter() throws InterruptedException {
		assertThat(startWith("otel.traces.exporter", "console")).isNull();
		assertThat(startWith("otel.traces.exporter", "none")).isNull();
	}

	@Test
	void startsNothingForGrpc() throws InterruptedException {
		assertThat(startWith("otel.exporter.otlp.protocol", "grpc")).isNull();
		assertThat(startWith("otel.exporter.otlp.traces.protocol", "grpc")).isNull();
	}

	@Test
	void leavesInvalidValuesToTheAutoConfiguration() throws InterruptedException {
		assertThat(startWith("otel.exporter.otlp.protocol", "thrift")).isNull();
		assertThat(startWith("otel.traces.exporter", "zipkin")).isNull();
		assertThat(startWith("otel.spring.exporter.preinitialize", "maybe")).isNull();
	}

	@Test
	void isRegisteredAsAnApplicationListener() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationListener.class))
			.hasAtLeastOneElementOfType(OtlpExporterPreinitializer.class);
	}

	private Thread startWith(String key, String value) throws InterruptedException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(key, value)));
		Thread thread = this.preinitializer.start(environment, 2);
		if (thread != null) {
			thread.join(TIMEOUT_MILLIS);
			assertThat(thread.isAlive()).isFalse();
		}
		return thread;
	}

}
