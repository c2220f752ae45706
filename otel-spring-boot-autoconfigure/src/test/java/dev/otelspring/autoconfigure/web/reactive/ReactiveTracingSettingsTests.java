package dev.otelspring.autoconfigure.web.reactive;

import java.net.http.HttpResponse;
import java.util.List;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux filter reads the servlet filter's keys: skip paths, captured request and
 * response headers (never the credentials), the {@code traceresponse} header.
 */
@WithOtlpReceiver
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.bsp.schedule.delay=50ms", "otel.spring.http.server.trace-response-header=true",
				"otel.spring.http.server.skip-paths=/downstream",
				"otel.instrumentation.http.server.capture-request-headers=X-Tenant,Authorization",
				"otel.instrumentation.http.server.capture-response-headers=Content-Type" })
class ReactiveTracingSettingsTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void skipPathsGetNoSpanAndCapturedHeadersAreRecorded() {
		HttpResponse<String> skipped = TestHttp.get(url("/downstream"));
		assertThat(skipped.statusCode()).isEqualTo(200);
		assertThat(skipped.headers().firstValue("traceresponse")).isEmpty();
		HttpResponse<String> traced = TestHttp.get(url("/greet/bob"), "X-Tenant", "acme", "Authorization",
				"Bearer secret");
		assertThat(traced.body()).isEqualTo("hello bob!");
		assertThat(traced.headers().firstValue("traceresponse")).isPresent();
		ReceivedSpan server = this.receiver.awaitSpanNamed("GET /greet/{name}");
		assertThat(server.attributes()).containsEntry("http.request.header.x-tenant", List.of("acme"))
			.containsKey("http.response.header.content-type")
			.doesNotContainKey("http.request.header.authorization");
		assertThat(this.receiver.spans()).noneSatisfy((span) -> {
			assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
			assertThat(span.attribute("url.path")).isEqualTo("/downstream");
		});
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
