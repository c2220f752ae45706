package dev.otelspring.autoconfigure.micrometer;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedMetric;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code otel.instrumentation.micrometer.enabled=true}, Micrometer's meters (the
 * application's and Actuator's) reach a real OTLP receiver through the starter's metrics
 * pipeline, beside the starter's own HTTP metrics.
 */
@WithOtlpReceiver
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.instrumentation.micrometer.enabled=true", "otel.metric.export.interval=200ms",
				"management.tracing.sampling.probability=1.0",
				"management.otlp.tracing.endpoint=http://127.0.0.1:9/v1/traces",
				"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces",
				"management.otlp.metrics.export.enabled=false" })
@EnabledIf("bridgeSupported")
class MicrometerMetricsBridgeTests {

	/**
	 * Returns whether the OpenTelemetry API on the class path can run the bridge (1.65
	 * and later). The runs on the versions Spring Boot pins (1.49, 1.55, 1.62) assert the
	 * startup failure instead ({@link MicrometerMetricsBridgeSwitchTests}).
	 * @return whether the bridge can run
	 */
	static boolean bridgeSupported() {
		return MicrometerMetricsBridgeAutoConfiguration
			.isSupported(MicrometerMetricsBridgeTests.class.getClassLoader());
	}

	@Autowired
	OtlpHttpReceiver receiver;

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void micrometerMetersAreExportedThroughTheSamePipeline() {
		assertThat(this.context.getBeansOfType(OpenTelemetryMeterRegistry.class)).containsOnlyKeys("otelMeterRegistry");
		this.context.getBean(MeterRegistry.class).counter("orders.placed", "channel", "web").increment(3);
		ReceivedMetric placed = this.receiver.awaitMetric("orders.placed",
				(metric) -> metric.metric()
					.getSum()
					.getDataPointsList()
					.stream()
					.mapToDouble(NumberDataPoint::getAsDouble)
					.sum() == 3.0);
		assertThat(ReceivedSpan.toMap(placed.metric().getSum().getDataPoints(0).getAttributesList()))
			.containsEntry("channel", "web");
		TestHttp.get("http://localhost:" + this.port + "/hello");
		// Actuator's timer, and the starter's histogram for the same request.
		this.receiver.awaitMetric("http.server.requests");
		ReceivedMetric ours = this.receiver.awaitMetric("http.server.request.duration");
		assertThat(ours.scope()).isEqualTo("dev.otelspring.web.servlet");
		assertThat(placed.resource()).containsKey("service.name");
	}

}
