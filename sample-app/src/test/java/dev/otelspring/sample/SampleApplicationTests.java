package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample on a random port, exporting over OTLP to a real receiver: the order flow
 * produces the tutorial's trace tree.
 */
@WithOtlpReceiver
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "otel.traces.exporter=otlp",
		"otel.bsp.schedule.delay=50ms", "otel.spring.http.server.trace-response-header=true" })
class SampleApplicationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void placingAnOrderProducesTheTutorialsTrace() {
		HttpResponse<String> response = order("c-42", "book-1", 2, 19.99);
		assertThat(response.statusCode()).isEqualTo(201);
		List<ReceivedSpan> trace = awaitTrace(response, 15);
		assertThat(TraceTree.render(trace)).isEqualTo("""
				POST /api/orders
				  authenticate-user
				    SELECT customers
				  validate-order
				  process-payment
				    call-payment-gateway
				      POST
				        POST /gateway/charges
				    update-payment-status
				      INSERT payments
				  update-inventory
				    db-query-update-stock
				      UPDATE stock
				  INSERT orders
				  send-confirmation
				""");
		assertThat(trace).allSatisfy((span) -> {
			assertThat(span.resource()).containsEntry("service.name", "order-service");
			assertThat(span.statusCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		});
		ReceivedSpan server = named(trace, "POST /api/orders");
		assertThat(server.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
		assertThat(server.attributes()).containsEntry("http.route", "/api/orders")
			.containsEntry("http.response.status_code", 201L)
			.containsKey("order.id");
		String orderId = (String) server.attribute("order.id");
		assertThat(named(trace, "authenticate-user").attributes()).containsEntry("enduser.id", "c-42");
		assertThat(named(trace, "validate-order").attributes()).containsEntry("order.value", 39.98)
			.containsEntry("order.item_count", 1L);
		assertThat(named(trace, "process-payment").attributes()).containsEntry("order.id", orderId)
			.containsEntry("payment.amount", 39.98)
			.containsEntry("payment.provider", "demo-gateway");
		assertThat(named(trace, "POST").kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(named(trace, "POST").attributes()).containsEntry("url.full",
				"http://localhost:" + this.port + "/gateway/charges");
		assertThat(named(trace, "POST /gateway/charges").kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
		assertThat(named(trace, "update-payment-status").attributes()).containsEntry("payment.status", "PAID");
		assertThat(named(trace, "INSERT payments").attributes()).containsEntry("db.system.name", "h2database")
			.containsEntry("db.operation.name", "INSERT")
			.containsEntry("db.collection.name", "payments");
		assertThat(named(trace, "update-inventory").attributes()).containsEntry("product.sku", "book-1")
			.containsEntry("product.quantity", 2L);
		ReceivedSpan query = named(trace, "UPDATE stock");
		assertThat(query.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(query.parentSpanId()).isEqualTo(named(trace, "db-query-update-stock").spanId());
		assertThat(query.attributes()).containsEntry("db.system.name", "h2database")
			.containsEntry("db.namespace", "orders")
			.containsEntry("db.operation.name", "UPDATE")
			.containsEntry("db.collection.name", "stock")
			.containsEntry("db.query.text", "UPDATE stock SET quantity = quantity - ? WHERE sku = ?");
		assertThat(named(trace, "send-confirmation").attributes()).containsEntry("order.id", orderId);

		HttpResponse<String> found = TestHttp.get(url("/api/orders/" + orderId), "Accept", "application/json");
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).contains(orderId).contains("CONFIRMED");
		ReceivedSpan get = named(awaitTrace(found, 1), "GET /api/orders/{id}");
		assertThat(get.attributes()).containsEntry("url.path", "/api/orders/" + orderId);
	}

	@Test
	void declinedPaymentFailsWith500AndTheErrorShowsAlongThePath() {
		HttpResponse<String> response = order("c-42", "book-1", 1, 5000.0);
		assertThat(response.statusCode()).isEqualTo(500);
		List<ReceivedSpan> trace = awaitTrace(response, 7);
		assertThat(TraceTree.render(trace)).isEqualTo("""
				POST /api/orders
				  authenticate-user
				    SELECT customers
				  validate-order
				  process-payment
				    call-payment-gateway
				      POST
				        POST /gateway/charges
				""");
		assertThat(named(trace, "POST /api/orders").statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(named(trace, "POST /api/orders").attributes()).containsEntry("http.response.status_code", 500L)
			.containsEntry("error.type", "dev.otelspring.sample.payment.PaymentDeclinedException");
		assertThat(named(trace, "process-payment").statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(named(trace, "call-payment-gateway").statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(named(trace, "POST").statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(named(trace, "POST").attributes()).containsEntry("http.response.status_code", 402L);
		// The gateway answered 402 itself: a 4xx leaves its own SERVER span unset.
		assertThat(named(trace, "POST /gateway/charges").statusCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
	}

	@Test
	void invalidOrderAnswers400WithTheValidationErrorOnItsSpan() {
		HttpResponse<String> response = order("c-42", "book-1", 0, 10.0);
		assertThat(response.statusCode()).isEqualTo(400);
		List<ReceivedSpan> trace = awaitTrace(response, 4);
		assertThat(TraceTree.render(trace)).isEqualTo("""
				POST /api/orders
				  authenticate-user
				    SELECT customers
				  validate-order
				""");
		ReceivedSpan validate = named(trace, "validate-order");
		assertThat(validate.statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(validate.events()).singleElement()
			.satisfies((event) -> assertThat(ReceivedSpan.toMap(event.getAttributesList()))
				.containsEntry("exception.message", "quantity of book-1 must be positive"));
		ReceivedSpan server = named(trace, "POST /api/orders");
		assertThat(server.statusCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(server.attributes()).containsEntry("http.response.status_code", 400L);
	}

	private HttpResponse<String> order(String customer, String sku, int quantity, double price) {
		String body = """
				{"customerId":"%s","items":[{"sku":"%s","quantity":%d,"unitPrice":%s}]}""".formatted(customer, sku,
				quantity, price);
		return TestHttp.send("POST", url("/api/orders"), body, "Content-Type", "application/json");
	}

	private List<ReceivedSpan> awaitTrace(HttpResponse<?> response, int count) {
		String traceId = TestHttp.traceId(response);
		await().atMost(java.time.Duration.ofSeconds(20))
			.until(() -> this.receiver.spans()
				.stream()
				.filter((span) -> span.traceId().equals(traceId))
				.count() >= count);
		// Let any straggler arrive, so that "exactly this trace" is checked against
		// everything sent.
		await().pollDelay(java.time.Duration.ofMillis(200)).until(() -> true);
		return this.receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> matching = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(matching).as("spans named " + name).hasSize(1);
		return matching.get(0);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
