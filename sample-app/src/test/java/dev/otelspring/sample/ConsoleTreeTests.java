package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's default profile: with no backend, each finished trace is printed as a
 * tree.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "otel.spring.http.server.trace-response-header=true")
@ExtendWith(OutputCaptureExtension.class)
class ConsoleTreeTests {

	@LocalServerPort
	int port;

	@Test
	void theFirstRunShowsTheTraceAsATree(CapturedOutput output) {
		HttpResponse<String> response = TestHttp.send("POST", "http://localhost:" + this.port + "/api/orders",
				"{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"pen-2\",\"quantity\":1,\"unitPrice\":2.5}]}",
				"Content-Type", "application/json");
		assertThat(response.statusCode()).isEqualTo(201);
		String traceId = TestHttp.traceId(response);
		await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("Trace " + traceId));
		String tree = output.getOut().substring(output.getOut().indexOf("Trace " + traceId));
		assertOrderTree(tree);
		// Printed once, though its spans arrived in more than one batch.
		assertThat(output.getOut().split("Trace " + traceId, -1)).hasSize(2);
	}

	/**
	 * Asserts that a console tree is the order flow's, for an order of one pen at 2.5.
	 * @param tree the console output from the trace's first line on
	 */
	static void assertOrderTree(String tree) {
		assertThat(tree)
			.containsPattern("POST /api/orders \\([0-9.]+ (ms|µs|s)\\) \\[SERVER\\]  .*http.route=/api/orders")
			.containsPattern("├── authenticate-user \\([0-9.]+ (ms|µs)\\)")
			.containsPattern("├── process-payment \\([^)]*\\)  .*payment.amount=2.5")
			.containsPattern("│   ├── call-payment-gateway")
			.containsPattern("│   │   └── POST \\([^)]*\\) \\[CLIENT\\]")
			.containsPattern("│   │       └── POST /gateway/charges \\([^)]*\\) \\[SERVER\\]")
			.containsPattern("│   └── update-payment-status")
			.containsPattern("│       └── INSERT payments \\([^)]*\\) \\[CLIENT\\]  .*db.system.name=h2database")
			.containsPattern("├── update-inventory")
			.containsPattern("│   └── db-query-update-stock \\([^)]*\\)")
			.containsPattern("│       └── UPDATE stock \\([^)]*\\) \\[CLIENT\\]")
			.containsPattern("├── INSERT orders \\([^)]*\\) \\[CLIENT\\]")
			.containsPattern("└── send-confirmation");
	}

}
