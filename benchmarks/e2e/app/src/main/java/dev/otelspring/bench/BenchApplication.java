package dev.otelspring.bench;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * The benchmark app: {@code /one} makes one SERVER span; {@code /call} makes an outgoing RestTemplate
 * call to {@code /one} (SERVER, CLIENT and a nested SERVER span); {@code /mixed} is {@code /one} but
 * answers every hundredth request with a 500, whose SERVER span has ERROR status, for the check that
 * tail sampling keeps every error trace.
 */
@SpringBootApplication
@RestController
public class BenchApplication {

	private final RestTemplate restTemplate;

	private final String self;

	private final AtomicLong mixed = new AtomicLong();

	BenchApplication(RestTemplateBuilder builder, @Value("${server.port}") int port) {
		this.restTemplate = builder.build();
		this.self = "http://127.0.0.1:" + port + "/one";
	}

	@GetMapping("/one")
	String one() {
		return "ok";
	}

	@GetMapping("/mixed")
	ResponseEntity<String> mixed() {
		if (this.mixed.incrementAndGet() % 100 == 0) {
			return ResponseEntity.internalServerError().body("failed");
		}
		return ResponseEntity.ok("ok");
	}

	@GetMapping("/call")
	String call() {
		return this.restTemplate.getForObject(this.self, String.class);
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchApplication.class, args);
	}

}
