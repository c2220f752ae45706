package dev.otelspring.autoconfigure.web.client;

import java.net.http.HttpResponse;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A servlet application that calls another endpoint with a {@code WebClient} from Spring
 * Boot's builder and blocks for the answer: the call is a CLIENT span under the request's
 * SERVER span, and the callee continues the trace.
 */
@WithOtlpReceiver
@SpringBootTest(classes = ServletWebClientTracingTests.ServletApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.http.server.trace-response-header=true" })
class ServletWebClientTracingTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void aWebClientCallFromAServletRequestIsAChildOfItsSpan() {
		HttpResponse<String> response = TestHttp.get("http://127.0.0.1:" + this.port + "/call");
		assertThat(response.body()).isEqualTo("called target");
		String traceId = TestHttp.traceId(response);
		await().until(() -> trace(traceId).size() >= 3);
		List<ReceivedSpan> trace = trace(traceId);
		ReceivedSpan server = named(trace, "GET /call");
		ReceivedSpan client = named(trace, "GET");
		assertThat(client.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(client.parentSpanId()).isEqualTo(server.spanId());
		assertThat(client.scope()).isEqualTo(WebClientTracingFilter.INSTRUMENTATION_NAME);
		assertThat(named(trace, "GET /target").parentSpanId()).isEqualTo(client.spanId());
	}

	private List<ReceivedSpan> trace(String traceId) {
		return this.receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> matching = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(matching).as("spans named " + name).hasSize(1);
		return matching.get(0);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ServletApplication {

		@RestController
		static class Caller {

			private final WebClient webClient;

			private final Environment environment;

			Caller(WebClient.Builder builder, Environment environment) {
				this.webClient = builder.build();
				this.environment = environment;
			}

			@GetMapping("/call")
			String call() {
				return "called " + this.webClient.get()
					.uri("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/target")
					.retrieve()
					.bodyToMono(String.class)
					.block();
			}

			@GetMapping("/target")
			String target() {
				return "target";
			}

		}

	}

}
