package dev.otelspring.autoconfigure.exporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.otelspring.benchmarks.BenchmarkSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serialising one batch of 512 server spans into an OTLP request body, the largest part
 * of the export's CPU in the end-to-end profiles, in each of the SDK's two memory modes:
 * the reusable-data marshaler the OTLP exporters use by default, and the immutable-data
 * one that builds a marshaler object per span
 * ({@code OtlpHttpSpanExporterBuilder.setMemoryMode}). The spans carry the attributes the
 * servlet filter sets on a {@code GET /one}, each with its own copies of the strings a
 * request brings (path, host, client address, user agent). With {@code batches=1} the
 * same batch is written again and again and stays in the CPU's caches; with
 * {@code batches=64} the benchmark cycles through 64 batches (32 768 spans, tens of MB),
 * so that each write reads spans from memory, as the batch worker does with spans that
 * request threads recorded. The result is per batch; divide by 512 for a span. The
 * marshalers are the SDK's internal classes the exporter itself calls; the HTTP send is
 * left out.
 */
@State(Scope.Benchmark)
public class MarshalBenchmark extends BenchmarkSettings {

	static final int BATCH = 512;

	@Param({ "REUSABLE_DATA", "IMMUTABLE_DATA" })
	public MemoryMode memoryMode;

	@Param({ "1", "64" })
	public int batches;

	private final List<SpanData> spans = new ArrayList<>();

	private List<List<SpanData>> batchList;

	private int next;

	private final LowAllocationTraceRequestMarshaler reusable = new LowAllocationTraceRequestMarshaler();

	private final ByteArrayOutputStream body = new ByteArrayOutputStream(256 * 1024);

	@Setup
	public void setUp() {
		SpanExporter collecting = new SpanExporter() {
			@Override
			public CompletableResultCode export(Collection<SpanData> batch) {
				MarshalBenchmark.this.spans.addAll(batch);
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode flush() {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode shutdown() {
				return CompletableResultCode.ofSuccess();
			}
		};
		Resource resource = Resource.getDefault()
			.merge(Resource.builder().put("service.name", "bench-app").put("service.version", "1.0.0").build());
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(resource)
			.addSpanProcessor(SimpleSpanProcessor.create(collecting))
			.build()) {
			Tracer tracer = provider.get("dev.otelspring.web.servlet", "0.1.0");
			for (int i = 0; i < BATCH * this.batches; i++) {
				Span span = tracer.spanBuilder("GET /one")
					.setSpanKind(SpanKind.SERVER)
					.setAttribute("http.request.method", "GET")
					.setAttribute("url.path", copy("/one"))
					.setAttribute("url.scheme", "http")
					.setAttribute("server.address", copy("127.0.0.1"))
					.setAttribute(AttributeKey.longKey("server.port"), 8080L)
					.setAttribute("client.address", copy("127.0.0.1"))
					.setAttribute("user_agent.original", copy("wrk"))
					.setAttribute("network.protocol.version", "1.1")
					.startSpan();
				span.setAttribute(AttributeKey.longKey("http.response.status_code"), 200L);
				span.setAttribute("http.route", "/one");
				span.end();
			}
		}
		if (this.spans.size() != BATCH * this.batches) {
			throw new IllegalStateException("expected " + BATCH * this.batches + " spans, got " + this.spans.size());
		}
		this.batchList = new ArrayList<>();
		for (int b = 0; b < this.batches; b++) {
			this.batchList.add(List.copyOf(this.spans.subList(b * BATCH, (b + 1) * BATCH)));
		}
	}

	/** A request's strings are its own objects, not the constants of this class. */
	private static String copy(String value) {
		return new String(value.toCharArray());
	}

	@Benchmark
	public int marshalBatch() throws IOException {
		List<SpanData> batch = this.batchList.get(this.next);
		this.next = (this.next + 1) % this.batches;
		this.body.reset();
		if (this.memoryMode == MemoryMode.REUSABLE_DATA) {
			this.reusable.initialize(batch);
			try {
				this.reusable.writeBinaryTo(this.body);
			}
			finally {
				this.reusable.reset();
			}
		}
		else {
			TraceRequestMarshaler.create(batch).writeBinaryTo(this.body);
		}
		return this.body.size();
	}

}
