package dev.otelspring.autoconfigure.exporter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.test.OtlpGrpcReceiver;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestTls;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spans made through the auto-configured {@link OpenTelemetry} reach a real OTLP
 * receiver, over HTTP and gRPC, in clear and over TLS, and nothing is lost when the
 * context closes.
 */
class OtlpExportIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class))
		// A long schedule delay: whatever arrives was flushed by the context's shutdown.
		.withPropertyValues("otel.service.name=checkout", "otel.bsp.schedule.delay=60s",
				"otel.resource.attributes=deployment.environment=test");

	@Test
	void exportsOverHttpWithHeadersAndGzip() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			this.runner.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint(),
					"otel.exporter.otlp.headers=api-key=s3cret,x-tenant=blue", "otel.exporter.otlp.compression=gzip")
				.run((context) -> makeParentAndChild(context.getBean(OpenTelemetry.class)));
			assertParentAndChild(receiver);
			assertThat(receiver.requests()).allSatisfy((request) -> {
				assertThat(request.headers()).containsEntry("api-key", "s3cret").containsEntry("x-tenant", "blue");
				assertThat(request.headers()).containsEntry("content-encoding", "gzip");
			});
		}
	}

	@Test
	void signalSpecificEndpointIsUsedAsIs() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			this.runner
				.withPropertyValues("otel.exporter.otlp.endpoint=http://localhost:1",
						"otel.exporter.otlp.traces.endpoint=" + receiver.endpoint() + "/v1/traces")
				.run((context) -> makeParentAndChild(context.getBean(OpenTelemetry.class)));
			assertParentAndChild(receiver);
		}
	}

	@Test
	void exportsOverGrpcWithHeaders() throws Exception {
		try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start()) {
			this.runner
				.withPropertyValues("otel.exporter.otlp.protocol=grpc",
						"otel.exporter.otlp.endpoint=" + receiver.endpoint(), "otel.exporter.otlp.headers=api-key=g")
				.run((context) -> makeParentAndChild(context.getBean(OpenTelemetry.class)));
			assertParentAndChild(receiver);
			assertThat(receiver.requests())
				.allSatisfy((request) -> assertThat(request.headers()).containsEntry("api-key", "g"));
		}
	}

	@Test
	void exportsOverTlsTrustingTheConfiguredCertificate() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.startTls(TestTls.serverContext(false), false)) {
			this.runner
				.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint(),
						"otel.exporter.otlp.certificate=" + TestTls.path("ca.pem"))
				.run((context) -> makeParentAndChild(context.getBean(OpenTelemetry.class)));
			assertParentAndChild(receiver);
		}
	}

	@Test
	void exportsOverMutualTlsWithTheClientCertificate() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.startTls(TestTls.serverContext(true), true)) {
			this.runner
				.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint(),
						"otel.exporter.otlp.certificate=" + TestTls.path("ca.pem"),
						"otel.exporter.otlp.client.key=" + TestTls.path("client.key"),
						"otel.exporter.otlp.client.certificate=" + TestTls.path("client.pem"))
				.run((context) -> makeParentAndChild(context.getBean(OpenTelemetry.class)));
			assertParentAndChild(receiver);
		}
	}

	@Test
	void invalidPemStopsStartupNamingTheKey() {
		this.runner.withPropertyValues("otel.exporter.otlp.certificate=" + TestTls.path("generate.sh"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining(
						"Invalid value '(file content is not a certificate)' for property 'otel.exporter.otlp.certificate'");
			});
		this.runner
			.withPropertyValues("otel.exporter.otlp.client.key=" + TestTls.path("ca.pem"),
					"otel.exporter.otlp.client.certificate=" + TestTls.path("client.pem"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("otel.exporter.otlp.client.key")
					.hasStackTraceContaining("PKCS#8");
			});
		this.runner.withPropertyValues("otel.exporter.otlp.client.key=" + TestTls.path("client.key"))
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("'otel.exporter.otlp.client.certificate'"));
	}

	@Test
	void sendsOnNamedDaemonThreadsThatEndWithTheContext() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			Set<Thread> before = Thread.getAllStackTraces().keySet();
			List<Thread> senders = new ArrayList<>();
			this.runner.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint()).run((context) -> {
				exportParentAndChildNow(context, receiver);
				List<Thread> started = threadsStartedSince(before);
				// SDK 1.49's own default would be five anonymous non-daemon threads,
				// which keep a
				// command-line application's JVM from exiting when its main method
				// returns.
				assertThat(started).filteredOn((thread) -> !thread.isDaemon()).isEmpty();
				started.stream()
					.filter((thread) -> thread.getName().startsWith(OtlpExportThreads.NAME_PREFIX))
					.forEach(senders::add);
				assertThat(senders).isNotEmpty();
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> senders.stream().noneMatch(Thread::isAlive));
		}
	}

	@Test
	void executorSetByACustomizerReplacesTheStartersThreads() {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "my-exporter"));
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			Set<Thread> before = Thread.getAllStackTraces().keySet();
			this.runner.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint())
				.withBean(OtlpHttpSpanExporterBuilderCustomizer.class,
						() -> (builder) -> builder.setExecutorService(executor))
				.run((context) -> {
					exportParentAndChildNow(context, receiver);
					assertThat(threadsStartedSince(before)).extracting(Thread::getName)
						.contains("my-exporter")
						.noneMatch((name) -> name.startsWith(OtlpExportThreads.NAME_PREFIX));
				});
		}
		finally {
			// The application's executor is the application's to shut down.
			executor.shutdown();
		}
	}

	@Test
	void retriesFollowTheConfiguredPolicy() {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			receiver.setMode(OtlpHttpReceiver.Mode.UNAVAILABLE);
			this.runner
				.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint(),
						"otel.spring.exporter.retry.max-attempts=3", "otel.spring.exporter.retry.initial-backoff=10ms",
						"otel.spring.exporter.retry.max-backoff=20ms")
				.run((context) -> makeParentAndChild(context.getBean(OpenTelemetry.class)));
			// One batch, answered 503 every time: three attempts, then the SDK gives up.
			assertThat(receiver.attempts()).isEqualTo(3);
		}
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			receiver.setMode(OtlpHttpReceiver.Mode.UNAVAILABLE);
			this.runner
				.withPropertyValues("otel.exporter.otlp.endpoint=" + receiver.endpoint(),
						"otel.spring.exporter.retry.enabled=false")
				.run((context) -> makeParentAndChild(context.getBean(OpenTelemetry.class)));
			assertThat(receiver.attempts()).isEqualTo(1);
		}
		this.runner.withPropertyValues("otel.spring.exporter.retry.max-attempts=9").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("otel.spring.exporter.retry.max-attempts")
				.hasStackTraceContaining("2 to 5");
		});
	}

	private static void makeParentAndChild(OpenTelemetry openTelemetry) {
		Tracer tracer = openTelemetry.getTracer("test");
		Span parent = tracer.spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			tracer.spanBuilder("child").startSpan().end();
		}
		finally {
			parent.end();
		}
	}

	/** Makes a parent and a child and exports them now, while the application runs. */
	private static void exportParentAndChildNow(ApplicationContext context, OtlpReceiver receiver) {
		makeParentAndChild(context.getBean(OpenTelemetry.class));
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		assertThat(receiver.spans()).hasSize(2);
	}

	private static List<Thread> threadsStartedSince(Set<Thread> before) {
		List<Thread> started = new ArrayList<>(Thread.getAllStackTraces().keySet());
		started.removeAll(before);
		return started;
	}

	private static void assertParentAndChild(OtlpReceiver receiver) {
		List<ReceivedSpan> spans = receiver.awaitSpans(2);
		assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("parent", "child");
		ReceivedSpan parent = spans.stream().filter((span) -> span.name().equals("parent")).findFirst().orElseThrow();
		ReceivedSpan child = spans.stream().filter((span) -> span.name().equals("child")).findFirst().orElseThrow();
		assertThat(child.traceId()).isEqualTo(parent.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
		assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
		assertThat(parent.parentSpanId()).isEmpty();
		assertThat(parent.resource()).containsEntry("service.name", "checkout")
			.containsEntry("deployment.environment", "test")
			.containsEntry("telemetry.sdk.language", "java");
	}

}
