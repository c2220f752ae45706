package dev.otelspring.bench;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * Counts the spans that arrive over OTLP/HTTP on loopback, decoded with the official definitions.
 * {@code GET /count} answers the count; {@code POST /reset} sets it to zero.
 */
public final class CountingReceiver {

	public static void main(String[] args) throws Exception {
		// Without this the JDK's server leaves Nagle's algorithm on, its response body waits for the
		// exporter's delayed ACK, and every export takes about 40 ms: a collector sets TCP_NODELAY.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		int port = Integer.parseInt(args[0]);
		AtomicLong spans = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.setExecutor(Executors.newFixedThreadPool(2));
		server.createContext("/v1/traces", (exchange) -> {
			try (exchange) {
				InputStream body = exchange.getRequestBody();
				if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
					body = new GZIPInputStream(body);
				}
				ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
				long count = 0;
				for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
					for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
						count += scopeSpans.getSpansCount();
					}
				}
				spans.addAndGet(count);
				byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
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

}
