package dev.otelspring.autoconfigure.metrics;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A Spring MVC application whose requests take a known time, for the HTTP metrics tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MetricsTestApplication {

	@RestController
	static class Endpoints {

		private final RestClient.Builder restClient;

		private final Environment environment;

		Endpoints(RestClient.Builder restClient, Environment environment) {
			this.restClient = restClient;
			this.environment = environment;
		}

		@GetMapping("/api/sleep/{millis}")
		String sleep(@PathVariable long millis) throws InterruptedException {
			Thread.sleep(millis);
			return "slept " + millis;
		}

		@GetMapping("/api/timed/{millis}")
		String timed(@PathVariable long millis) throws InterruptedException {
			return sleep(millis);
		}

		@GetMapping("/api/fail")
		String fail() {
			throw new IllegalStateException("failed on purpose");
		}

		@GetMapping("/api/call/{millis}")
		String call(@PathVariable long millis) {
			String port = this.environment.getProperty("local.server.port");
			return this.restClient.build()
				.get()
				.uri("http://localhost:" + port + "/api/sleep/" + millis)
				.retrieve()
				.body(String.class);
		}

	}

}
