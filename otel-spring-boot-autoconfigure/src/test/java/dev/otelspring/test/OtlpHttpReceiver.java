package dev.otelspring.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.google.protobuf.MessageLite;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A real OTLP/HTTP receiver on a random loopback port, decoding the traces, metrics and
 * logs that arrive with the official protobuf definitions. It can be told to misbehave,
 * to test what the exporter does on a bad day.
 */
public final class OtlpHttpReceiver extends OtlpReceiver {

	static {
		// The JDK's server leaves Nagle's algorithm on unless told otherwise: it writes a
		// response's
		// headers and body separately, so the body waits for the client's delayed ACK
		// (about 40 ms
		// on Linux) and every export takes that long. Collectors (and Go servers
		// generally) set
		// TCP_NODELAY; so does this receiver, or export throughput measured here is the
		// kernel's
		// timer's. Read once, when the first server is created.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	/** How the receiver answers. */
	public enum Mode {

		/** Accept and answer 200. */
		OK,
		/** Answer 503 with {@code Retry-After: 1} and no body. */
		UNAVAILABLE,
		/** Answer 500. */
		SERVER_ERROR,
		/** Answer 429 with {@code Retry-After: 1}. */
		TOO_MANY_REQUESTS,
		/**
		 * Accept the request and never answer (until the mode changes or the receiver
		 * closes).
		 */
		HANG,
		/** Answer 200 after 500 ms. */
		SLOW,
		/**
		 * Down: nothing listens on the port, so connections are refused. The receiver
		 * listens on the same port again when the mode changes.
		 */
		DOWN

	}

	private final ServerFactory serverFactory;

	private volatile HttpServer server;

	private final int port;

	private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("otlp-test-receiver-"));

	private final boolean tls;

	/** The mode and the latch that releases requests held in it, swapped together. */
	private record State(Mode mode, CountDownLatch released) {
	}

	private volatile State state = new State(Mode.OK, new CountDownLatch(1));

	private final AtomicInteger attempts = new AtomicInteger();

	private final AtomicInteger metricAttempts = new AtomicInteger();

	/** Creates a server (HTTP or HTTPS) bound to a loopback port, 0 for any free one. */
	@FunctionalInterface
	private interface ServerFactory {

		HttpServer bind(int port) throws IOException;

	}

	private OtlpHttpReceiver(ServerFactory serverFactory, boolean tls) {
		this.serverFactory = serverFactory;
		this.tls = tls;
		this.server = listen(0);
		this.port = this.server.getAddress().getPort();
	}

	private HttpServer listen(int port) {
		try {
			HttpServer server = this.serverFactory.bind(port);
			server.createContext("/", this::handle);
			server.setExecutor(this.executor);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not listen on loopback port " + port, ex);
		}
	}

	private static ThreadFactory daemonThreads(String namePrefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(namePrefix);
		threads.setDaemon(true);
		return threads;
	}

	private static InetSocketAddress loopback(int port) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
	}

	public static OtlpHttpReceiver start() {
		return new OtlpHttpReceiver((port) -> HttpServer.create(loopback(port), 0), false);
	}

	/**
	 * Starts an HTTPS receiver.
	 * @param sslContext the server's TLS context
	 * @param requireClientCertificate whether to demand a client certificate (mTLS)
	 * @return the receiver
	 */
	public static OtlpHttpReceiver startTls(SSLContext sslContext, boolean requireClientCertificate) {
		HttpsConfigurator configurator = new HttpsConfigurator(sslContext) {
			@Override
			public void configure(HttpsParameters params) {
				SSLParameters parameters = sslContext.getDefaultSSLParameters();
				parameters.setNeedClientAuth(requireClientCertificate);
				params.setSSLParameters(parameters);
			}
		};
		return new OtlpHttpReceiver((port) -> {
			HttpsServer server = HttpsServer.create(loopback(port), 0);
			server.setHttpsConfigurator(configurator);
			return server;
		}, true);
	}

	public synchronized void setMode(Mode mode) {
		State previous = this.state;
		if (mode == Mode.DOWN && previous.mode() != Mode.DOWN) {
			this.server.stop(0);
		}
		else if (mode != Mode.DOWN && previous.mode() == Mode.DOWN) {
			this.server = listen(this.port);
		}
		this.state = new State(mode, new CountDownLatch(1));
		previous.released().countDown();
	}

	/**
	 * Returns how many trace export requests (to {@code /v1/traces}) reached the
	 * receiver, answered or not. Metrics and logs requests are not counted, so that a
	 * test can assert exactly how often the span exporter tried.
	 * @return the number of trace export attempts
	 */
	public int attempts() {
		return this.attempts.get();
	}

	/**
	 * Returns how many metrics export requests (to {@code /v1/metrics}) reached the
	 * receiver, answered or not.
	 * @return the number of metrics export attempts
	 */
	public int metricAttempts() {
		return this.metricAttempts.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if ("/v1/traces".equals(path)) {
				this.attempts.incrementAndGet();
			}
			else if ("/v1/metrics".equals(path)) {
				this.metricAttempts.incrementAndGet();
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			State current = this.state;
			switch (current.mode()) {
				case UNAVAILABLE -> {
					exchange.getResponseHeaders().add("Retry-After", "1");
					exchange.sendResponseHeaders(503, -1);
					return;
				}
				case SERVER_ERROR -> {
					exchange.sendResponseHeaders(500, -1);
					return;
				}
				case TOO_MANY_REQUESTS -> {
					exchange.getResponseHeaders().add("Retry-After", "1");
					exchange.sendResponseHeaders(429, -1);
					return;
				}
				case HANG -> {
					awaitUninterruptibly(current.released(), 60);
					exchange.sendResponseHeaders(503, -1);
					return;
				}
				case SLOW -> awaitUninterruptibly(new CountDownLatch(1), 0.5);
				default -> {
				}
			}
			Map<String, String> headers = new HashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			MessageLite response = switch (path) {
				case "/v1/traces" -> {
					record(ExportTraceServiceRequest.parseFrom(decode(body, headers)), headers);
					yield ExportTraceServiceResponse.getDefaultInstance();
				}
				case "/v1/metrics" -> {
					recordMetrics(ExportMetricsServiceRequest.parseFrom(decode(body, headers)), headers);
					yield ExportMetricsServiceResponse.getDefaultInstance();
				}
				case "/v1/logs" -> {
					recordLogs(ExportLogsServiceRequest.parseFrom(decode(body, headers)), headers);
					yield ExportLogsServiceResponse.getDefaultInstance();
				}
				default -> null;
			};
			if (response == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			respond(exchange, response.toByteArray());
		}
	}

	private static InputStream decode(byte[] body, Map<String, String> headers) throws IOException {
		InputStream decoded = new ByteArrayInputStream(body);
		return "gzip".equalsIgnoreCase(headers.get("content-encoding")) ? new GZIPInputStream(decoded) : decoded;
	}

	private static void respond(HttpExchange exchange, byte[] response) throws IOException {
		exchange.getResponseHeaders().put("Content-Type", List.of("application/x-protobuf"));
		exchange.sendResponseHeaders(200, response.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(response);
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch, double seconds) {
		try {
			latch.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int port() {
		return this.port;
	}

	/** Returns the base endpoint, for {@code otel.exporter.otlp.endpoint}. */
	@Override
	public String endpoint() {
		return (this.tls ? "https" : "http") + "://localhost:" + port();
	}

	@Override
	public synchronized void close() {
		this.state.released().countDown();
		if (this.state.mode() != Mode.DOWN) {
			this.server.stop(0);
		}
		this.executor.shutdownNow();
	}

}
