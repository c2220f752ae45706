package dev.otelspring.autoconfigure.traceview;

import java.net.http.HttpResponse;

import dev.otelspring.autoconfigure.web.WebTestApplication;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security and an application that lets every request through, the trace view
 * on the application's port still takes a signed-in user.
 */
@SpringBootTest(classes = { WebTestApplication.class, TraceViewPermitAllSecurityTests.PermitAll.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "otel.traces.exporter=none", "otel.spring.trace-view.enabled=true",
				"spring.security.user.name=dev", "spring.security.user.password=secret" })
class TraceViewPermitAllSecurityTests {

	@LocalServerPort
	int port;

	@Test
	void stillTakesASignedInUser() {
		assertThat(TestHttp.get(url("/api/orders/1")).statusCode()).isEqualTo(200);
		HttpResponse<String> anonymous = TestHttp.get(url("/otel/trace-view"));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).contains("needs an authenticated user");
		assertThat(TestHttp.get(url("/otel/trace-view/traces")).statusCode()).isEqualTo(401);
		HttpResponse<String> signedIn = TestHttp.get(url("/otel/trace-view"), "Authorization",
				TraceViewSecurityTests.basic("dev", "secret"));
		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.body()).contains("Content-Security-Policy");
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@Configuration(proxyBeanMethods = false)
	static class PermitAll {

		@Bean
		SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

	}

}
