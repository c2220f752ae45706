package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.util.List;

import dev.otelspring.test.OtlpGrpcReceiver;
import dev.otelspring.test.ReceivedMetric;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample, with nothing but the starter, exports over OTLP/gRPC when the
 * standard key says {@code grpc}: the starter ships the gRPC sender.
 */
class GrpcExportIT {

	@Test
	void exportsOverGrpcWithTheStarterAlone() throws Exception {
		try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start()) {
			SampleProcess sample = SampleProcess.start(List.of(), List.of(), "--otel.traces.exporter=otlp",
					"--otel.exporter.otlp.protocol=grpc", "--otel.exporter.otlp.endpoint=" + receiver.endpoint(),
					"--otel.metrics.exporter=otlp", "--otel.metric.export.interval=500ms");
			try {
				HttpResponse<String> response = TestHttp.send("POST",
						"http://127.0.0.1:" + sample.port() + "/api/orders",
						"{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"book-1\",\"quantity\":1,\"unitPrice\":9.5}]}",
						"Content-Type", "application/json");
				assertThat(response.statusCode()).isEqualTo(201);
				List<ReceivedSpan> spans = receiver.awaitSpans(GracefulShutdownIT.SPANS_PER_ORDER);
				assertThat(spans).extracting(ReceivedSpan::name).contains("POST /api/orders", "process-payment");
				assertThat(spans)
					.allSatisfy((span) -> assertThat(span.resource()).containsEntry("service.name", "order-service"));
				ReceivedMetric duration = receiver.awaitMetric("http.server.request.duration", (metric) -> metric
					.metric()
					.getHistogram()
					.getDataPointsList()
					.stream()
					.anyMatch((point) -> ReceivedSpan.toMap(point.getAttributesList()).containsValue("/api/orders")));
				assertThat(duration.resource()).containsEntry("service.name", "order-service");
				receiver.awaitMetric("jvm.memory.used");
			}
			finally {
				sample.stop();
			}
		}
	}

}
