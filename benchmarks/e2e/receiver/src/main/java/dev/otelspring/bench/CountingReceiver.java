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
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * Counts the spans that arrive over OTLP/HTTP on loopback. {@code GET /count} answers the count;
 * {@code POST /count} sets it to zero.
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
				spans.addAndGet(fullDecode ? countDecoded(request) : countOnTheWire(CodedInputStream.newInstance(request), 0));
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, ANSWER.length);
				exchange.getResponseBody().write(ANSWER);
			}
		});
		server.createContext("/count", (exchange) -> {
			try (exchange) {
				if ("POST".equals(exchange.getRequestMethod())) {
					spans.set(0);
				}
				byte[] answer = Long.toString(spans.get()).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
			}
		});
		server.start();
	}

	private static long countDecoded(byte[] request) throws IOException {
		long count = 0;
		for (ResourceSpans resourceSpans : ExportTraceServiceRequest.parseFrom(request).getResourceSpansList()) {
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				count += scopeSpans.getSpansCount();
			}
		}
		return count;
	}

	/**
	 * Counts the occurrences of the last field of {@link #SPANS_PATH} inside the message being read,
	 * descending into the fields before it and skipping everything else.
	 */
	private static long countOnTheWire(CodedInputStream in, int depth) throws IOException {
		long count = 0;
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) != SPANS_PATH[depth]
					|| WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				in.skipField(tag);
			}
			else if (depth == SPANS_PATH.length - 1) {
				in.skipField(tag);
				count++;
			}
			else {
				int limit = in.pushLimit(in.readRawVarint32());
				count += countOnTheWire(in, depth + 1);
				in.popLimit(limit);
			}
		}
		return count;
	}

}
