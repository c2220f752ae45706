package dev.otelspring.autoconfigure.kafka;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The producer proxy against kafka-clients' {@code MockProducer}: a send that throws at
 * once throws the application's exception unchanged and its span ends, failed; a send the
 * broker fails later ends its span failed; the application's callback still runs.
 */
class TracingProducerHandlerTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
		.setTracerProvider(
				SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
		.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
		.build();

	private final KafkaTracing tracing = new KafkaTracing(this.sdk);

	@AfterEach
	void close() {
		this.sdk.close();
	}

	@Test
	void aSendThatThrowsAtOnceThrowsTheSameExceptionAndEndsItsSpan() {
		MockProducer<String, String> mock = mock(true);
		KafkaException failure = new KafkaException("serializer refused the value");
		mock.sendException = failure;
		Producer<String, String> producer = TracingProducerHandler.wrap(mock, () -> this.tracing, "orders");
		assertThatExceptionOfType(KafkaException.class)
			.isThrownBy(() -> producer.send(new ProducerRecord<>("orders", "k", "v")))
			.isSameAs(failure);
		SpanData span = single();
		assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().asMap().toString())
			.contains("error.type=org.apache.kafka.common.KafkaException")
			.contains("messaging.client.id=orders");
	}

	@Test
	void aSendTheBrokerFailsEndsItsSpanFailedAndTheCallbackRuns() throws Exception {
		MockProducer<String, String> mock = mock(false);
		Producer<String, String> producer = TracingProducerHandler.wrap(mock, () -> this.tracing, null);
		Exception[] seen = new Exception[1];
		Future<RecordMetadata> sent = producer.send(new ProducerRecord<>("orders", "k", "v"),
				(metadata, exception) -> seen[0] = exception);
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		TimeoutException timeout = new TimeoutException("no answer");
		assertThat(mock.errorNext(timeout)).isTrue();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(sent::get).withCause(timeout);
		assertThat(seen[0]).isSameAs(timeout);
		SpanData span = single();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
	}

	@Test
	void aRecordSentTwiceIsTracedTwiceAndTheProxyIsNotWrappedAgain() throws Exception {
		MockProducer<String, String> mock = mock(true);
		Producer<String, String> producer = TracingProducerHandler.wrap(mock, () -> this.tracing, null);
		assertThat(TracingProducerHandler.wrap(producer, () -> this.tracing, null)).isSameAs(producer);
		ProducerRecord<String, String> record = new ProducerRecord<>("orders", "k", "v");
		producer.send(record).get();
		producer.send(record).get();
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(2);
		assertThat(record.headers().headers("traceparent")).hasSize(1);
	}

	private SpanData single() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private static MockProducer<String, String> mock(boolean autoComplete) {
		return new MockProducer<>(autoComplete, null, new StringSerializer(), new StringSerializer());
	}

}
