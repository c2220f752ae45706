package dev.otelspring.autoconfigure.traceview;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security and Spring Boot's default security, the trace view on the
 * application's port takes a signed-in user, like Actuator's endpoints.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.traces.exporter=none", "otel.spring.trace-view.enabled=true",
				"spring.security.user.name=dev", "spring.security.user.password=secret" })
class TraceViewSecurityTests {

	@LocalServerPort
	int port;

	@Test
	void takesASignedInUser() {
		assertThat(TestHttp.get(url("/otel/trace-view")).statusCode()).isEqualTo(401);
		assertThat(TestHttp.get(url("/otel/trace-view/traces")).statusCode()).isEqualTo(401);
		HttpResponse<String> signedIn = TestHttp.get(url("/otel/trace-view/traces"), "Authorization",
				basic("dev", "secret"));
		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.body()).startsWith("{\"maxTraces\":");
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
