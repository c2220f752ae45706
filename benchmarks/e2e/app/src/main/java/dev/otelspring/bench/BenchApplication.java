package dev.otelspring.bench;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * The benchmark app: {@code /one} makes one SERVER span; {@code /call} makes an outgoing RestTemplate
 * call to {@code /one} (SERVER, CLIENT and a nested SERVER span).
 */
@SpringBootApplication
@RestController
public class BenchApplication {

	private final RestTemplate restTemplate;

	private final String self;

	BenchApplication(RestTemplateBuilder builder, @Value("${server.port}") int port) {
		this.restTemplate = builder.build();
		this.self = "http://127.0.0.1:" + port + "/one";
	}

	@GetMapping("/one")
	String one() {
		return "ok";
	}

	@GetMapping("/call")
	String call() {
		return this.restTemplate.getForObject(this.self, String.class);
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchApplication.class, args);
	}

}
