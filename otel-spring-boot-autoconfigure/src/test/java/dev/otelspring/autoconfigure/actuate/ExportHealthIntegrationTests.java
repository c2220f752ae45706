package dev.otelspring.autoconfigure.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatistics;
import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpHttpReceiver.Mode;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
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
 * The export health indicator and metrics through the real Actuator endpoints, and a
 * planted secret that must not show anywhere: logs (with DEBUG on), actuator output,
 * {@code toString()}.
 */
@WithOtlpReceiver
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.exporter.otlp.timeout=500ms",
				"otel.exporter.otlp.headers=api-key=planted-secret-7f3a",
				"management.endpoints.web.exposure.include=health,metrics,env,configprops",
				"management.endpoint.health.show-details=always", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always", "logging.level.dev.otelspring=debug",
				"logging.level.io.opentelemetry=debug" })
@ExtendWith(OutputCaptureExtension.class)
class ExportHealthIntegrationTests {

	static final String SECRET = "planted-secret-7f3a";

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void healthAndMetricsShowExportTroubleAndNeverTheSecret(CapturedOutput output) {
		HttpResponse<String> healthy = get("/actuator/health/otelSpanExport");
		assertThat(healthy.statusCode()).isEqualTo(200);
		assertThat(healthy.body()).contains("\"status\":\"UP\"");

		this.receiver.setMode(Mode.SERVER_ERROR);
		for (int i = 0; i < 5; i++) {
			get("/api/orders/" + i);
			int batch = i;
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.context.getBean(SpanExportStatistics.class).getConsecutiveFailures() > batch
						|| this.context.getBean(SpanExportStatistics.class).getFailed() > batch);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> get("/actuator/health/otelSpanExport").body().contains("\"status\":\"DEGRADED\""));
		String health = get("/actuator/health/otelSpanExport").body();
		assertThat(health).contains("\"failed\"").contains("\"lastError\"").contains("\"lastErrorTime\"");
		String failedMetric = get("/actuator/metrics/otel.spring.export.spans?tag=outcome:failed").body();
		assertThat(failedMetric).contains("\"otel.spring.export.spans\"").doesNotContain("\"value\":0.0");

		this.receiver.setMode(Mode.OK);
		get("/api/orders/recovered");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> get("/actuator/health/otelSpanExport").body().contains("\"status\":\"UP\""));
		assertThat(get("/actuator/metrics/otel.spring.export.spans?tag=outcome:exported").body())
			.doesNotContain("\"value\":0.0");

		String everything = output.getOut() + output.getErr() + get("/actuator/health").body()
				+ get("/actuator/env").body() + get("/actuator/env/otel.exporter.otlp.headers").body()
				+ get("/actuator/configprops").body() + this.context.getBean(OtlpHttpSpanExporter.class).toString()
				+ this.context.getBean(SpanExportStatistics.class).toString();
		assertThat(everything).contains("otel.exporter.otlp.headers").doesNotContain(SECRET);
		assertThat(this.receiver.requests())
			.anySatisfy((request) -> assertThat(request.headers()).containsEntry("api-key", SECRET));
	}

	private HttpResponse<String> get(String path) {
		return TestHttp.get("http://localhost:" + this.port + path);
	}

}
