package dev.otelspring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Counts the spans that arrive over OTLP/HTTP on loopback, and among them the root spans (no parent):
 * a trace of the benchmark app has one root, so spans over roots shows whether traces arrive whole.
 * {@code GET /count} answers the span count, {@code GET /roots} the root count; {@code POST /count}
 * sets both to zero. Metric and log exports are answered with success and not counted.
 *
 * <p>By default a request is walked on the wire, with the field numbers of the official definitions,
 * down to its spans, which are counted and skipped: a collector runs on another machine, and decoding
 * every span into objects here took roughly 3 µs of CPU per span on the two cores the measured app shares
 * with this receiver. {@code -Dreceiver.decode=full} decodes every request into the official
 * messages instead.
 */
public final class CountingReceiver {

	/** Request, resource spans, scope spans, span. */
	private static final int[] SPANS_PATH = { ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER,
			ResourceSpans.SCOPE_SPANS_FIELD_NUMBER, ScopeSpans.SPANS_FIELD_NUMBER };

	/** The answer to every export: an empty, successful response. */
	private static final byte[] ANSWER = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

	public static void main(String[] args) throws Exception {
		// Without this the JDK's server leaves Nagle's algorithm on, its response body waits for the
		// exporter's delayed ACK, and every export takes about 40 ms: a collector sets TCP_NODELAY.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		int port = Integer.parseInt(args[0]);
		boolean fullDecode = "full".equals(System.getProperty("receiver.decode"));
		AtomicLong spans = new AtomicLong();
		AtomicLong roots = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.setExecutor(Executors.newFixedThreadPool(2));
		server.createContext("/v1/traces", (exchange) -> {
			try (exchange) {
				InputStream body = exchange.getRequestBody();
				if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
					body = new GZIPInputStream(body);
				}
				// Read whole: the JDK server's body stream passes skip() to the socket, past the body.
				byte[] request = body.readAllBytes();
				long[] counts = new long[2];
				if (fullDecode) {
					countDecoded(request, counts);
				}
				else {
					countOnTheWire(CodedInputStream.newInstance(request), 0, counts);
				}
				spans.addAndGet(counts[0]);
				roots.addAndGet(counts[1]);
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, ANSWER.length);
				exchange.getResponseBody().write(ANSWER);
			}
		});
		for (String signal : new String[] { "/v1/metrics", "/v1/logs" }) {
			server.createContext(signal, (exchange) -> {
				try (exchange) {
					exchange.getRequestBody().readAllBytes();
					exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
					// An empty message: the default export response of every signal.
					exchange.sendResponseHeaders(200, -1);
				}
			});
		}
		server.createContext("/count", (exchange) -> {
			try (exchange) {
				if ("POST".equals(exchange.getRequestMethod())) {
					spans.set(0);
					roots.set(0);
				}
				answer(exchange, spans.get());
			}
		});
		server.createContext("/roots", (exchange) -> {
			try (exchange) {
				answer(exchange, roots.get());
			}
		});
		server.start();
	}

	private static void answer(HttpExchange exchange, long value) throws IOException {
		byte[] answer = Long.toString(value).getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
	}

	/** Adds the request's spans to {@code counts[0]} and its root spans to {@code counts[1]}. */
	private static void countDecoded(byte[] request, long[] counts) throws IOException {
		for (ResourceSpans resourceSpans : ExportTraceServiceRequest.parseFrom(request).getResourceSpansList()) {
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					counts[0]++;
					if (span.getParentSpanId().isEmpty()) {
						counts[1]++;
					}
				}
			}
		}
	}

	/**
	 * Counts the occurrences of the last field of {@link #SPANS_PATH} inside the message being read
	 * into {@code counts[0]}, and those without a parent span id into {@code counts[1]}, descending
	 * into the fields before it and skipping everything else.
	 */
	private static void countOnTheWire(CodedInputStream in, int depth, long[] counts) throws IOException {
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) != SPANS_PATH[depth]
					|| WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				in.skipField(tag);
				continue;
			}
			int limit = in.pushLimit(in.readRawVarint32());
			if (depth == SPANS_PATH.length - 1) {
				counts[0]++;
				if (!hasParent(in)) {
					counts[1]++;
				}
				in.skipRawBytes(in.getBytesUntilLimit());
			}
			else {
				countOnTheWire(in, depth + 1, counts);
			}
			in.popLimit(limit);
		}
	}

	/** Reads a span's fields up to its parent span id; whether that id is set. */
	private static boolean hasParent(CodedInputStream in) throws IOException {
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) == Span.PARENT_SPAN_ID_FIELD_NUMBER
					&& WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				return in.readRawVarint32() > 0;
			}
			in.skipField(tag);
		}
		return false;
	}

}
