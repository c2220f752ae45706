package dev.otelspring.bench;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * The benchmark app: {@code /one} makes one SERVER span; {@code /call} makes an outgoing RestTemplate
 * call to {@code /one} (SERVER, CLIENT and a nested SERVER span); {@code /mixed} is {@code /one} but
 * answers every hundredth request with a 500, whose SERVER span has ERROR status, for the check that
 * tail sampling keeps every error trace; {@code /db} reads one row of a 100-row table of an embedded
 * H2 database by primary key (SERVER and, where JDBC is traced, a database CLIENT span).
 */
@SpringBootApplication
@RestController
public class BenchApplication {

	private final RestTemplate restTemplate;

	private final String self;

	private final AtomicLong mixed = new AtomicLong();

	private final JdbcTemplate jdbc;

	private final AtomicLong reads = new AtomicLong();

	BenchApplication(RestTemplateBuilder builder, @Value("${server.port}") int port, JdbcTemplate jdbc) {
		this.restTemplate = builder.build();
		this.self = "http://127.0.0.1:" + port + "/one";
		this.jdbc = jdbc;
		jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
		for (int id = 0; id < 100; id++) {
			jdbc.update("INSERT INTO item (id, name) VALUES (?, ?)", id, "item-" + id);
		}
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

	@GetMapping("/db")
	String db() {
		return this.jdbc.queryForObject("SELECT name FROM item WHERE id = ?", String.class,
				(int) (this.reads.incrementAndGet() % 100));
	}

	@GetMapping("/call")
	String call() {
		return this.restTemplate.getForObject(this.self, String.class);
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchApplication.class, args);
	}

}
