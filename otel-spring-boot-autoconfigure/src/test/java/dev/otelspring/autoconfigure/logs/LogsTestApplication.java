package dev.otelspring.autoconfigure.logs;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application that logs during start-up and inside requests, for the log
 * export tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LogsTestApplication {

	static final String EARLY_LINE = "early line, logged while the context starts";

	private static final Logger logger = LoggerFactory.getLogger(LogsTestApplication.class);

	@PostConstruct
	void logEarly() {
		logger.info(EARLY_LINE);
	}

	@RestController
	static class Endpoints {

		private static final Logger logger = LoggerFactory.getLogger("com.example.orders.OrderService");

		@GetMapping("/api/log/{id}")
		String log(@PathVariable String id) {
			MDC.put("order.id", id);
			MDC.put("secret.token", "not-captured");
			try {
				logger.info("placing order {}", id);
				logger.warn("payment failed for order " + id, new IllegalStateException("card declined"));
			}
			finally {
				MDC.remove("order.id");
				MDC.remove("secret.token");
			}
			return "logged " + id;
		}

		@GetMapping("/api/say/{word}")
		String say(@PathVariable String word) {
			logger.info("said {}", word);
			return word;
		}

	}

}
