package dev.otelspring.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.otelspring.test.EmbeddedKafka;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedMetric;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Kafka broker (an embedded KRaft broker) and a real server: a request publishes a
 * record, a listener consumes it and writes to a database, and the spans arrive over OTLP
 * as one trace: SERVER, PRODUCER under it, CONSUMER under the producer, the statement
 * under the consumer, and the listener's log line carries the consumer span's ids. A
 * failing listener marks each attempt and the dead-letter publish is under the last; a
 * batch listener's span links to each record's trace; a producer the application takes
 * from Spring's factory is traced; malformed headers start a new trace and the record is
 * still processed; a listener stopped mid-record leaves no span open.
 */
@WithOtlpReceiver
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = KafkaTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.datasource.url=jdbc:h2:mem:kafka;DB_CLOSE_DELAY=-1", "otel.bsp.schedule.delay=50ms",
				"otel.metric.export.interval=300ms" })
class KafkaTracingIntegrationTests {

	static final EmbeddedKafkaKraftBroker broker = EmbeddedKafka.start(KafkaTestApplication.TOPIC,
			KafkaTestApplication.DEAD_LETTER_TOPIC, KafkaTestApplication.BATCH_TOPIC, KafkaTestApplication.HOLD_TOPIC);

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
	void requestProduceConsumeAndStatementAreOneTrace(CapturedOutput output) {
		assertThat(TestHttp.send("POST", url("/shipments/s-1"), "").statusCode()).isEqualTo(200);
		ReceivedSpan server = this.receiver.awaitSpanNamed("POST /shipments/{id}");
		ReceivedSpan send = this.receiver
			.awaitSpan((span) -> span.name().equals("send shipments") && span.traceId().equals(server.traceId()));
		ReceivedSpan process = this.receiver
			.awaitSpan((span) -> span.name().equals("process shipments") && span.traceId().equals(server.traceId()));
		ReceivedSpan insert = this.receiver
			.awaitSpan((span) -> span.name().equals("INSERT shipped") && span.traceId().equals(server.traceId()));
		assertThat(send.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
		assertThat(send.parentSpanId()).isEqualTo(server.spanId());
		assertThat(send.attributes()).containsEntry("messaging.system", "kafka")
			.containsEntry("messaging.destination.name", "shipments")
			.containsEntry("messaging.operation.type", "send")
			.containsEntry("messaging.kafka.message.key", "s-1")
			.containsEntry("messaging.destination.partition.id", "0")
			.containsKey("messaging.kafka.offset");
		assertThat(process.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
		assertThat(process.parentSpanId()).isEqualTo(send.spanId());
		assertThat(process.attributes()).containsEntry("messaging.operation.type", "process")
			.containsEntry("messaging.consumer.group.name", "shipping")
			.containsEntry("messaging.kafka.offset", send.attribute("messaging.kafka.offset"));
		assertThat(insert.parentSpanId()).isEqualTo(process.spanId());
		// The listener's log line carries the consumer span's ids.
		assertThat(output.getOut()).contains("[" + process.traceId() + "," + process.spanId() + "]")
			.containsPattern("\\[" + process.traceId() + "," + process.spanId() + "\\].*shipped s-1");
	}

	@Test
	void aRecordSentForACallerThatDidNotSampleCarriesTheTraceOnUnrecorded(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String callerSpanId = "00f067aa0ba902b7";
		assertThat(TestHttp
			.send("POST", url("/shipments/s-unsampled"), "", "traceparent",
					"00-" + traceId + "-" + callerSpanId + "-00")
			.statusCode()).isEqualTo(200);
		// The listener ran in the caller's trace, under a span of its own.
		await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("shipped s-unsampled"));
		assertThat(output.getOut())
			.containsPattern("\\[" + traceId + ",(?!" + callerSpanId + ")[0-9a-f]{16}\\].*shipped s-unsampled");
		// Nothing of that trace is recorded; a sampled record sent after it arrives.
		assertThat(TestHttp.send("POST", url("/shipments/s-sampled"), "").statusCode()).isEqualTo(200);
		ReceivedSpan process = this.receiver.awaitSpan((span) -> span.name().equals("process shipments")
				&& "s-sampled".equals(span.attribute("messaging.kafka.message.key")));
		this.receiver
			.awaitSpan((span) -> span.name().equals("INSERT shipped") && span.traceId().equals(process.traceId()));
		assertThat(this.receiver.spans()).noneMatch((span) -> span.traceId().equals(traceId));
	}

	@Test
	void sendsAndProcessingsRecordTheirDurations() {
		assertThat(TestHttp.send("POST", url("/shipments/s-7"), "").statusCode()).isEqualTo(200);
		assertThat(TestHttp.send("POST", url("/shipments/fail"), "").statusCode()).isEqualTo(200);
		ReceivedMetric send = this.receiver.awaitMetric("messaging.client.operation.duration",
				(metric) -> metric.histogramPointAttributes()
					.stream()
					.anyMatch((point) -> "shipments".equals(point.get("messaging.destination.name"))));
		assertThat(send.scope()).isEqualTo("dev.otelspring.kafka");
		assertThat(send.histogramPointAttributes())
			.anySatisfy((point) -> assertThat(point).containsEntry("messaging.system", "kafka")
				.containsEntry("messaging.operation.name", "send")
				.containsEntry("messaging.operation.type", "send")
				.containsEntry("messaging.destination.name", "shipments")
				.doesNotContainKeys("messaging.kafka.message.key", "messaging.kafka.offset", "error.type"));
		ReceivedMetric process = this.receiver.awaitMetric("messaging.process.duration",
				(metric) -> metric.histogramPointAttributes()
					.stream()
					.anyMatch((point) -> "java.lang.IllegalStateException".equals(point.get("error.type"))));
		assertThat(process.histogramPointAttributes())
			.anySatisfy((point) -> assertThat(point).containsEntry("messaging.operation.name", "process")
				.containsEntry("messaging.destination.name", "shipments")
				.containsEntry("messaging.consumer.group.name", "shipping")
				.doesNotContainKey("error.type"));
	}

	@Test
	void aFailingListenerMarksEachAttemptAndTheDeadLetterPublishIsUnderTheLast() {
		assertThat(TestHttp.send("POST", url("/shipments/fail"), "").statusCode()).isEqualTo(200);
		ReceivedSpan send = this.receiver.awaitSpan((span) -> span.name().equals("send shipments")
				&& "fail".equals(span.attribute("messaging.kafka.message.key")));
		await().until(() -> attempts(send).size() >= 2);
		assertThat(attempts(send)).hasSize(2).allSatisfy((attempt) -> {
			assertThat(attempt.statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
			assertThat(attempt.attributes()).containsEntry("error.type", "java.lang.IllegalStateException")
				.containsEntry("messaging.kafka.offset", send.attribute("messaging.kafka.offset"));
		});
		// The error handler gives the record up after the second attempt and publishes it
		// to the dead-letter topic while that attempt's span is current.
		ReceivedSpan deadLetter = this.receiver
			.awaitSpan((span) -> span.name().equals("send shipments-dlt") && span.traceId().equals(send.traceId()));
		assertThat(deadLetter.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
		assertThat(deadLetter.attributes()).containsEntry("messaging.destination.name", "shipments-dlt")
			.containsEntry("messaging.kafka.message.key", "fail");
		assertThat(attempts(send).stream().map(ReceivedSpan::spanId)).contains(deadLetter.parentSpanId());
	}

	@Test
	void aBatchIsOneSpanLinkedToEachRecordsTrace() {
		assertThat(TestHttp.send("POST", url("/audits/a"), "").statusCode()).isEqualTo(200);
		ReceivedSpan server = this.receiver.awaitSpanNamed("POST /audits/{id}");
		List<String> sends = this.receiver.spans()
			.stream()
			.filter((span) -> span.name().equals("send audits") && span.traceId().equals(server.traceId()))
			.map(ReceivedSpan::spanId)
			.toList();
		assertThat(sends).hasSize(3);
		// The records may arrive in more than one poll: each batch is a span.
		await().until(() -> batches().stream().flatMap((batch) -> batch.linkedSpanIds().stream()).toList(),
				(linked) -> linked.containsAll(sends));
		for (ReceivedSpan batch : batches()) {
			assertThat(batch.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
			assertThat(batch.parentSpanId()).isEmpty();
			assertThat(batch.attributes()).containsEntry("messaging.destination.name", "audits")
				.containsEntry("messaging.consumer.group.name", "auditing")
				.containsEntry("messaging.batch.message_count", (long) batch.linkedSpanIds().size());
			this.receiver.awaitSpan(
					(span) -> span.name().equals("INSERT audited") && span.parentSpanId().equals(batch.spanId()));
		}
	}

	@Test
	void aProducerTheFactoryMadeForTheApplicationIsTraced(@Autowired ProducerFactory<String, String> producers)
			throws Exception {
		Producer<String, String> producer = producers.createProducer();
		try {
			producer.send(new ProducerRecord<>(KafkaTestApplication.TOPIC, "plain-1", "plain")).get();
		}
		finally {
			producer.close();
		}
		ReceivedSpan send = this.receiver.awaitSpan((span) -> span.name().equals("send shipments")
				&& "plain-1".equals(span.attribute("messaging.kafka.message.key")));
		assertThat(send.parentSpanId()).isEmpty();
		ReceivedSpan process = this.receiver.awaitSpan((span) -> span.name().equals("process shipments")
				&& "plain-1".equals(span.attribute("messaging.kafka.message.key")));
		assertThat(process.parentSpanId()).isEqualTo(send.spanId());
	}

	@Test
	void malformedHeadersStartANewTraceAndTheRecordIsProcessed() {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> raw = new KafkaProducer<>(config)) {
			ProducerRecord<String, String> record = new ProducerRecord<>(KafkaTestApplication.TOPIC, "s-odd", "odd");
			record.headers().add("traceparent", "00-zz-not-a-trace-01".getBytes(StandardCharsets.UTF_8));
			record.headers().add("baggage", "k=".concat("v".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
			raw.send(record);
		}
		ReceivedSpan process = this.receiver.awaitSpan((span) -> span.name().equals("process shipments")
				&& "s-odd".equals(span.attribute("messaging.kafka.message.key")));
		assertThat(process.parentSpanId()).isEmpty();
		assertThat(process.statusCode()).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
		this.receiver
			.awaitSpan((span) -> span.name().equals("INSERT shipped") && span.traceId().equals(process.traceId()));
	}

	private List<ReceivedSpan> attempts(ReceivedSpan send) {
		return this.receiver.spans()
			.stream()
			.filter((span) -> span.name().equals("process shipments") && send.spanId().equals(span.parentSpanId()))
			.toList();
	}

	@Test
	void stoppingAListenerMidRecordLeavesNoSpanOpen(@Autowired KafkaTemplate<String, String> kafka,
			@Autowired KafkaListenerEndpointRegistry registry, @Autowired KafkaTestApplication.OpenSpans openSpans)
			throws Exception {
		kafka.send(KafkaTestApplication.HOLD_TOPIC, "held", "x").get();
		assertThat(KafkaTestApplication.holding.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(openSpans.open()).isPositive();
		MessageListenerContainer container = registry.getListenerContainer("holder");
		CountDownLatch stopped = new CountDownLatch(1);
		container.stop(stopped::countDown);
		KafkaTestApplication.release.countDown();
		assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(container.isRunning()).isFalse();
		await().until(openSpans::open, (open) -> open == 0);
		this.receiver.awaitSpan((span) -> span.name().equals("process holds")
				&& "held".equals(span.attribute("messaging.kafka.message.key")));
	}

	private List<ReceivedSpan> batches() {
		return this.receiver.spans().stream().filter((span) -> span.name().equals("process audits")).toList();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
