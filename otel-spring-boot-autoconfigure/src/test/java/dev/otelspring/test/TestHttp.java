package dev.otelspring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client for tests (the JDK's), with nothing of the application's
 * instrumentation in it.
 */
public final class TestHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private TestHttp() {
	}

	public static HttpResponse<String> get(String url, String... headers) {
		return send("GET", url, null, headers);
	}

	public static HttpResponse<String> send(String method, String url, String body, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		builder.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		try {
			return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends requests from a pool of client threads, checks that each was answered with
	 * the expected status, and returns how long each took, in microseconds, in request
	 * order.
	 * @param threads the number of client threads
	 * @param requests the number of requests
	 * @param request sends request {@code n} and returns its response
	 * @param expectedStatus the status every response must have
	 * @return the latencies in microseconds
	 */
	public static List<Long> concurrently(int threads, int requests, IntFunction<HttpResponse<String>> request,
			int expectedStatus) throws InterruptedException, ExecutionException {
		ExecutorService clients = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Long>> results = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				int n = i;
				results.add(clients.submit(() -> {
					long start = System.nanoTime();
					HttpResponse<String> response = request.apply(n);
					assertThat(response.statusCode()).as("status of request %d", n).isEqualTo(expectedStatus);
					return (System.nanoTime() - start) / 1_000;
				}));
			}
			List<Long> latencies = new ArrayList<>();
			for (Future<Long> result : results) {
				latencies.add(result.get());
			}
			return latencies;
		}
		finally {
			clients.shutdownNow();
		}
	}

	/**
	 * Sends raw bytes (UTF-8) to a loopback port and returns the status line, for
	 * requests that a well-behaved client refuses to send.
	 */
	public static String raw(int port, String request) throws IOException {
		try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
					socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
			return reader.readLine();
		}
	}

	/** Returns the trace id from a W3C {@code traceresponse} header. */
	public static String traceId(HttpResponse<?> response) {
		String header = response.headers().firstValue("traceresponse").orElseThrow();
		return header.split("-")[1];
	}

	/** Returns whether a W3C {@code traceresponse} header has the sampled flag on. */
	public static boolean sampled(HttpResponse<?> response) {
		String header = response.headers().firstValue("traceresponse").orElseThrow();
		return (Integer.parseInt(header.split("-")[3], 16) & 1) == 1;
	}

	/**
	 * Returns whether the SDK's trace id ratio sampler samples a trace id: its last 16
	 * hex digits, read as a long, are below the ratio of {@link Long#MAX_VALUE} in
	 * absolute value.
	 */
	public static boolean ratioSamples(String traceId, double ratio) {
		long random = HexFormat.fromHexDigitsToLong(traceId.substring(16));
		return Math.abs(random) < (long) (ratio * Long.MAX_VALUE);
	}

}
