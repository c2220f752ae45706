package dev.otelspring.autoconfigure.web;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.UUID;

import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatistics;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of requests for random paths that do not exist (each one a 404 with a recorded
 * exception, a new URL and a new trace) leaves the heap flat once the spans have been
 * exported, whether the collector takes them or is gone.
 *
 * <p>
 * Runs in a JVM of its own started with {@code -XX:SoftRefLRUPolicyMSPerMB=0}: the JDK's
 * class loader keeps a softly reachable cache of every resource name it was asked for,
 * and Spring's static resource handler asks for each random path, so without the flag
 * that cache (which the JVM clears under memory pressure) would be measured as growth.
 * {@code ExportQueueMemoryIntegrationTests} shows that the same kind of measurement sees
 * spans that are retained.
 */
class RandomPathFloodIntegrationTests {

	static final int WARM_UP = 5_000;

	static final int FLOOD = 10_000;

	static final long MB = 1024 * 1024;

	@Test
	void heapIsFlatAfterAFloodExportedToALiveCollector() throws Exception {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
				ConfigurableApplicationContext context = start(receiver.endpoint())) {
			int port = port(context);
			flood(port, WARM_UP);
			await().until(() -> receiver.spans().size() >= WARM_UP);
			receiver.clear();
			long before = usedHeapAfterGc();
			flood(port, FLOOD);
			await().until(() -> receiver.spans().size() >= FLOOD);
			receiver.clear();
			long after = usedHeapAfterGc();
			System.out.printf("flood exported: heap %d KB before, %d KB after %d requests%n", before / 1024,
					after / 1024, FLOOD);
			assertThat(after - before).as("heap growth in bytes after %d requests", FLOOD).isLessThan(3 * MB);
		}
	}

	@Test
	void heapIsFlatAfterAFloodWhileTheCollectorIsGone() throws Exception {
		// Without retries a refused export fails at once, so the queue drains between
		// floods and both measurements see it empty: what stays is what leaked.
		try (ConfigurableApplicationContext context = start("http://127.0.0.1:" + closedPort(),
				"otel.spring.exporter.retry.enabled=false")) {
			int port = port(context);
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			flood(port, WARM_UP);
			await().until(() -> statistics.getQueueSize() == 0);
			long before = usedHeapAfterGc();
			flood(port, FLOOD);
			await().until(() -> statistics.getQueueSize() == 0);
			long after = usedHeapAfterGc();
			System.out.printf(
					"flood, collector gone: heap %d KB before, %d KB after %d requests; %d spans failed, "
							+ "%d dropped%n",
					before / 1024, after / 1024, FLOOD, statistics.getFailed(), statistics.getDropped());
			assertThat(after - before).as("heap growth in bytes after %d requests", FLOOD).isLessThan(3 * MB);
			assertThat(statistics.getFailed() + statistics.getDropped()).as("spans lost, and counted")
				.isGreaterThan(WARM_UP);
		}
	}

	private static ConfigurableApplicationContext start(String endpoint, String... properties) {
		return new SpringApplicationBuilder(WebTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					// Tomcat's own cache of static resource lookups would be measured
					// too.
					"server.tomcat.resource.allow-caching=false",
					"logging.level.org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver=error",
					"otel.exporter.otlp.endpoint=" + endpoint, "otel.bsp.schedule.delay=50ms",
					"otel.bsp.max.queue.size=4096")
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static void flood(int port, int requests) throws Exception {
		TestHttp.concurrently(4, requests,
				(n) -> TestHttp.get("http://127.0.0.1:" + port + "/nothing/" + UUID.randomUUID() + "?n=" + n), 404);
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
