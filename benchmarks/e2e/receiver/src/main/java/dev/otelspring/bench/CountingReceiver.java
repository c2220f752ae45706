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
import io.opentelemetry.proto.trace.v1.Status;

/**
 * Counts the spans that arrive over OTLP/HTTP on loopback, among them the root spans (no parent) and
 * the spans with ERROR status: a trace of the benchmark app has one root, so spans over roots shows
 * whether traces arrive whole, and a failed request of {@code /mixed} has one ERROR span.
 * {@code GET /count} answers the span count, {@code GET /roots} the root count, {@code GET /errors}
 * the ERROR count; {@code POST /count} sets all three to zero. Metric and log exports are answered
 * with success and not counted.
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
		AtomicLong errors = new AtomicLong();
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
				long[] counts = new long[3];
				if (fullDecode) {
					countDecoded(request, counts);
				}
				else {
					countOnTheWire(CodedInputStream.newInstance(request), 0, counts);
				}
				spans.addAndGet(counts[0]);
				roots.addAndGet(counts[1]);
				errors.addAndGet(counts[2]);
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
					errors.set(0);
				}
				answer(exchange, spans.get());
			}
		});
		server.createContext("/roots", (exchange) -> {
			try (exchange) {
				answer(exchange, roots.get());
			}
		});
		server.createContext("/errors", (exchange) -> {
			try (exchange) {
				answer(exchange, errors.get());
			}
		});
		server.start();
	}

	private static void answer(HttpExchange exchange, long value) throws IOException {
		byte[] answer = Long.toString(value).getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
	}

	/**
	 * Adds the request's spans to {@code counts[0]}, its root spans to {@code counts[1]} and its ERROR
	 * spans to {@code counts[2]}.
	 */
	private static void countDecoded(byte[] request, long[] counts) throws IOException {
		for (ResourceSpans resourceSpans : ExportTraceServiceRequest.parseFrom(request).getResourceSpansList()) {
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					counts[0]++;
					if (span.getParentSpanId().isEmpty()) {
						counts[1]++;
					}
					if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
						counts[2]++;
					}
				}
			}
		}
	}

	/**
	 * Counts the occurrences of the last field of {@link #SPANS_PATH} inside the message being read
	 * into {@code counts[0]}, those without a parent span id into {@code counts[1]} and those with
	 * ERROR status into {@code counts[2]}, descending into the fields before it and skipping
	 * everything else.
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
				countSpan(in, counts);
			}
			else {
				countOnTheWire(in, depth + 1, counts);
			}
			in.popLimit(limit);
		}
	}

	/** Reads a span's fields: a root without a parent span id, an error with a status code of ERROR. */
	private static void countSpan(CodedInputStream in, long[] counts) throws IOException {
		boolean root = true;
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			int field = WireFormat.getTagFieldNumber(tag);
			boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
			if (field == Span.PARENT_SPAN_ID_FIELD_NUMBER && delimited) {
				int length = in.readRawVarint32();
				root = length == 0;
				in.skipRawBytes(length);
			}
			else if (field == Span.STATUS_FIELD_NUMBER && delimited) {
				int limit = in.pushLimit(in.readRawVarint32());
				if (statusCode(in) == Status.StatusCode.STATUS_CODE_ERROR_VALUE) {
					counts[2]++;
				}
				in.popLimit(limit);
			}
			else {
				in.skipField(tag);
			}
		}
		if (root) {
			counts[1]++;
		}
	}

	/** Reads a status message to its end; its code, 0 (unset) if it has none. */
	private static int statusCode(CodedInputStream in) throws IOException {
		int code = 0;
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) == Status.CODE_FIELD_NUMBER
					&& WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
				code = in.readEnum();
			}
			else {
				in.skipField(tag);
			}
		}
		return code;
	}

}
