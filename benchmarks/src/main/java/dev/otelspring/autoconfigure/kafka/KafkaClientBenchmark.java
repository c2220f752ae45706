package dev.otelspring.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Future;

import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import dev.otelspring.benchmarks.InsideTrace;
import dev.otelspring.benchmarks.InsideUnsampledTrace;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Kafka tracing's cost per record, against the undecorated clients, with no broker.
 * Sending: a new record to a {@code MockProducer} that completes every send at once,
 * straight and through the traced producer (a PRODUCER span, its context written into the
 * record's headers, ended by the callback the mock calls before {@code send} returns),
 * outside any trace (the span starts one) and inside one. Receiving: a listener that only
 * reads the record's value, alone and between the record interceptor's calls the listener
 * container makes for each record (a CONSUMER span, current while the listener runs), for
 * a record whose headers carry a {@code traceparent} (the span continues that trace) and
 * for one without headers (a new trace). Spans end into a processor that counts them on
 * the calling thread. Run it with
 * {@code java -jar benchmarks/target/benchmarks.jar KafkaClientBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
public class KafkaClientBenchmark extends BenchmarkSettings {

	private static final String TOPIC = "orders";

	private static final String KEY = "order-42";

	private static final String VALUE = "{\"id\":42,\"amount\":59.99}";

	private static final String CLIENT_ID = "benchmark";

	private static final int PARTITION = 3;

	private static final long OFFSET = 1042L;

	private static final long TIMESTAMP = 1_700_000_000_000L;

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String SPAN_ID = "b7ad6b7169203331";

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	/** Sends between two clears of the mock producer's history of the records sent. */
	private static final int HISTORY = 1024;

	private OpenTelemetrySdk sdk;

	private MockProducer<String, String> bareProducer;

	private Producer<String, String> tracedProducer;

	private int sends;

	private TracingRecordInterceptor interceptor;

	private ConsumerRecord<Object, Object> withParent;

	private ConsumerRecord<Object, Object> noHeaders;

	private ConsumerRecord<Object, Object> withUnsampledParent;

	@Setup(Level.Trial)
	public void setUp() {
		// Spans counted on the calling thread: no export worker competes for the cores.
		this.sdk = BenchmarkTracing.sdk(new BenchmarkTracing.CountingProcessor());
		KafkaTracing tracing = new KafkaTracing(this.sdk);
		// No partitioner: the mock's cluster is empty, so it never partitions and sends
		// everything to partition 0. Kafka 4 removed the constructor without one.
		this.bareProducer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
		this.tracedProducer = TracingProducerHandler.wrap(this.bareProducer, () -> tracing, CLIENT_ID);
		this.interceptor = new TracingRecordInterceptor(() -> tracing, null);
		RecordHeaders headers = new RecordHeaders();
		headers.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
		this.withParent = received(headers);
		this.noHeaders = received(new RecordHeaders());
		RecordHeaders unsampled = new RecordHeaders();
		unsampled.add("traceparent", TRACEPARENT.replaceFirst("01$", "00").getBytes(StandardCharsets.UTF_8));
		this.withUnsampledParent = received(unsampled);
	}

	private static ConsumerRecord<Object, Object> received(RecordHeaders headers) {
		return new ConsumerRecord<>(TOPIC, PARTITION, OFFSET, TIMESTAMP, TimestampType.CREATE_TIME, KEY.length(),
				VALUE.length(), KEY, VALUE, headers, Optional.empty());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.bareProducer.close();
		BenchmarkTracing.close(this.sdk);
	}

	/**
	 * Sends a new record (the tracing writes its headers, so a record is sent once), and
	 * every {@value #HISTORY} sends empties the history the mock producer keeps of them,
	 * so that the heap does not grow with the iteration.
	 */
	private Future<RecordMetadata> send(Producer<String, String> producer) {
		Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(TOPIC, KEY, VALUE));
		if (++this.sends >= HISTORY) {
			this.sends = 0;
			this.bareProducer.clear();
		}
		return sent;
	}

	/** The listener's own work. */
	private static void listen(ConsumerRecord<Object, Object> record, Blackhole blackhole) {
		blackhole.consume(record.value());
	}

	/**
	 * What the listener container does for each record with a record interceptor. No
	 * consumer is passed: the container passes its own, whose group id would be one more
	 * attribute on the span.
	 */
	private void process(ConsumerRecord<Object, Object> record, Blackhole blackhole) {
		ConsumerRecord<Object, Object> intercepted = this.interceptor.intercept(record, null);
		listen(intercepted, blackhole);
		this.interceptor.success(intercepted, null);
		this.interceptor.afterRecord(intercepted, null);
	}

	@Benchmark
	public Future<RecordMetadata> bareSend() {
		return send(this.bareProducer);
	}

	@Benchmark
	public Future<RecordMetadata> tracedSend() {
		return send(this.tracedProducer);
	}

	@Benchmark
	public Future<RecordMetadata> tracedSendInsideTrace(InsideTrace trace) {
		return send(this.tracedProducer);
	}

	/**
	 * A send while a trace that is not sampled is current: the span starts without
	 * attributes.
	 * @param trace the unsampled parent, current
	 * @return the send's future
	 */
	@Benchmark
	public Future<RecordMetadata> tracedSendInsideUnsampledTrace(InsideUnsampledTrace trace) {
		return send(this.tracedProducer);
	}

	@Benchmark
	public void bareProcess(Blackhole blackhole) {
		listen(this.withParent, blackhole);
	}

	@Benchmark
	public void tracedProcessWithParent(Blackhole blackhole) {
		process(this.withParent, blackhole);
	}

	/**
	 * A record whose producer did not sample: the span starts without attributes.
	 * @param blackhole the blackhole
	 */
	@Benchmark
	public void tracedProcessWithUnsampledParent(Blackhole blackhole) {
		process(this.withUnsampledParent, blackhole);
	}

	@Benchmark
	public void tracedProcessNoHeaders(Blackhole blackhole) {
		process(this.noHeaders, blackhole);
	}

}
