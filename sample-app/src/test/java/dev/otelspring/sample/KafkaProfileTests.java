package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.otelspring.sample.notification.ConfirmationPublisher;
import dev.otelspring.test.EmbeddedKafka;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample with its {@code kafka} profile, against a real Kafka broker (an embedded
 * KRaft broker): the order confirmation is published and consumed, and the consumer's
 * update of the order is in the order's trace.
 */
@WithOtlpReceiver
@ActiveProfiles("kafka")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "otel.traces.exporter=otlp",
		"otel.bsp.schedule.delay=50ms", "otel.spring.http.server.trace-response-header=true" })
class KafkaProfileTests {

	static final EmbeddedKafkaKraftBroker broker = EmbeddedKafka.start(ConfirmationPublisher.TOPIC);

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
	}

	@AfterAll
	static void stop() {
		broker.destroy();
	}

	@Test
	void theConfirmationIsPublishedAndConsumedInTheOrdersTrace() {
		String body = """
				{"customerId":"c-42","items":[{"sku":"book-1","quantity":1,"unitPrice":19.99}]}""";
		HttpResponse<String> response = TestHttp.send("POST", url("/api/orders"), body, "Content-Type",
				"application/json");
		assertThat(response.statusCode()).isEqualTo(201);
		String traceId = TestHttp.traceId(response);
		await().atMost(Duration.ofSeconds(30)).until(() -> trace(traceId).size() >= 18);
		await().pollDelay(Duration.ofMillis(200)).until(() -> true);
		List<ReceivedSpan> trace = trace(traceId);
		assertThat(TraceTree.render(trace)).endsWith("""
				  INSERT orders
				  send-confirmation
				    send order-confirmations
				      process order-confirmations
				        UPDATE orders
				""");
		ReceivedSpan send = named(trace, "send order-confirmations");
		assertThat(send.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
		assertThat(send.attributes()).containsEntry("messaging.system", "kafka")
			.containsEntry("messaging.destination.name", ConfirmationPublisher.TOPIC);
		ReceivedSpan process = named(trace, "process order-confirmations");
		assertThat(process.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
		assertThat(process.attributes()).containsEntry("messaging.consumer.group.name", "notifications")
			.containsEntry("messaging.kafka.message.key", send.attribute("messaging.kafka.message.key"));
		String orderId = (String) send.attribute("messaging.kafka.message.key");
		assertThat(TestHttp.get(url("/api/orders/" + orderId), "Accept", "application/json").body())
			.contains("NOTIFIED");
	}

	private List<ReceivedSpan> trace(String traceId) {
		return this.receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> matching = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(matching).as("spans named " + name).hasSize(1);
		return matching.get(0);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
