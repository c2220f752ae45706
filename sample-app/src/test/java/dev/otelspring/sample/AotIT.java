package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, processed ahead of time at build time ({@code process-aot}), run
 * with {@code -Dspring.aot.enabled=true}: it starts from the generated initializers (it
 * cannot start without them) and prints the order flow's whole trace, as it does without
 * AOT; the starter's runtime hints are in the native-image configuration AOT wrote.
 */
class AotIT {

	@Test
	void theAotProcessedSampleProducesTheOrderFlowsTrace() throws Exception {
		SampleProcess sample = SampleProcess.start(List.of(), List.of("-Dspring.aot.enabled=true"),
				"--otel.spring.http.server.trace-response-header=true");
		try {
			HttpResponse<String> response = TestHttp.send("POST", "http://localhost:" + sample.port() + "/api/orders",
					"{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"pen-2\",\"quantity\":1,\"unitPrice\":2.5}]}",
					"Content-Type", "application/json");
			assertThat(response.statusCode()).isEqualTo(201);
			String traceId = TestHttp.traceId(response);
			await().atMost(Duration.ofSeconds(20)).until(() -> sample.log().contains("Trace " + traceId));
			await().atMost(Duration.ofSeconds(5)).until(() -> sample.log().contains("└── send-confirmation"));
			ConsoleTreeTests.assertOrderTree(sample.log().substring(sample.log().indexOf("Trace " + traceId)));
		}
		finally {
			sample.stop();
		}
	}

	@Test
	void theStartersRuntimeHintsReachTheNativeImageConfiguration() throws Exception {
		Path hints = Path.of("target/classes/META-INF/native-image/dev.otelspring/sample-app");
		assertThat(Files.readString(hints.resolve("proxy-config.json"))).contains("java.sql.Connection")
			.contains("org.apache.kafka.clients.producer.Producer");
		assertThat(Files.readString(hints.resolve("reflect-config.json"))).contains("recordInterceptor")
			.contains("dev.otelspring.annotation.Traced");
	}

}
