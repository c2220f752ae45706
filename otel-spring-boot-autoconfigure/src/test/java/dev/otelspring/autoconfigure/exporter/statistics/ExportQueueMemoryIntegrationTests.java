package dev.otelspring.autoconfigure.exporter.statistics;

import java.lang.management.ManagementFactory;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.OtlpHttpReceiver.Mode;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the collector hangs, the heap holds at most a queue's worth of spans, however
 * many requests arrive. Every request carries a 16 KB header captured as a span
 * attribute, so each retained span is easy to see on the heap: {@value #REQUESTS} of them
 * would be about 48 MB, a queue of {@value #QUEUE} about 4 MB. The same measurement with
 * a queue large enough to hold them all shows that it would see the retention if the
 * queue did not bound it.
 */
class ExportQueueMemoryIntegrationTests {

	static final int REQUESTS = 3_000;

	static final int QUEUE = 256;

	static final int HEADER_BYTES = 16 * 1024;

	static final long MB = 1024 * 1024;

	static final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

	@AfterAll
	static void stop() {
		receiver.close();
	}

	@Test
	void hangingCollectorCostsTheHeapNoMoreThanTheQueue() throws Exception {
		Measurement measurement = measureWhileCollectorHangs(QUEUE);
		assertThat(measurement.heapGrowth()).as("heap growth in bytes with a queue of %d", QUEUE).isLessThan(16 * MB);
		assertThat(measurement.dropped()).as("spans dropped because the queue was full").isGreaterThan(REQUESTS / 2);
	}

	@Test
	void theMeasurementSeesSpansThatAreRetained() throws Exception {
		Measurement measurement = measureWhileCollectorHangs(REQUESTS * 2);
		assertThat(measurement.heapGrowth()).as("heap growth in bytes with a queue that holds every span")
			.isGreaterThan(32 * MB);
		assertThat(measurement.dropped()).isZero();
	}

	private Measurement measureWhileCollectorHangs(int queueSize) throws Exception {
		receiver.setMode(Mode.OK);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"server.max-http-request-header-size=64KB", "otel.exporter.otlp.endpoint=" + receiver.endpoint(),
					"otel.exporter.otlp.timeout=1s", "otel.bsp.schedule.delay=100ms",
					"otel.bsp.max.queue.size=" + queueSize, "otel.bsp.max.export.batch.size=64",
					"otel.instrumentation.http.server.capture-request-headers=x-payload")
			.run()) {
			// The port from the environment, not from a web server type that moved
			// between Boot 3 and 4.
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			load(port, 200);
			receiver.setMode(Mode.HANG);
			long before = usedHeapAfterGc();
			load(port, REQUESTS);
			long after = usedHeapAfterGc();
			System.out.printf("queue %d: heap %d MB before, %d MB after %d requests; %d spans dropped%n", queueSize,
					before / MB, after / MB, REQUESTS, statistics.getDropped());
			receiver.setMode(Mode.OK);
			return new Measurement(after - before, statistics.getDropped());
		}
	}

	private static void load(int port, int requests) throws Exception {
		TestHttp.concurrently(8, requests, (n) -> TestHttp.get("http://127.0.0.1:" + port + "/api/orders/1",
				"x-payload", Integer.toString(n) + "x".repeat(HEADER_BYTES)), 200);
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private record Measurement(long heapGrowth, long dropped) {
	}

}
