package dev.otelspring.autoconfigure.micrometer;

import dev.otelspring.test.BootRestTemplateBuilder;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.tracing.annotation.NewSpan;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * A Spring MVC application with Actuator and Micrometer Tracing's OpenTelemetry bridge: a
 * request that calls another endpoint with a {@code RestTemplate} from Spring Boot's
 * builder (so Spring observes the call), and an {@code @Observed} and a {@code @NewSpan}
 * method on the way; and a {@code @Scheduled} job, which Spring observes too.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
public class ObservedApplication {

	@Bean
	Ticker ticker() {
		return new Ticker();
	}

	@Bean
	Composer composer() {
		return new Composer();
	}

	@Bean
	Auditor auditor() {
		return new Auditor();
	}

	@RestController
	static class Greeting {

		private static final Log logger = LogFactory.getLog(Greeting.class);

		private final ApplicationContext context;

		private final Composer composer;

		private final Auditor auditor;

		Greeting(ApplicationContext context, Composer composer, Auditor auditor) {
			this.context = context;
			this.composer = composer;
			this.auditor = auditor;
		}

		@GetMapping("/hello")
		String hello() {
			RestTemplate rest = BootRestTemplateBuilder.build(this.context);
			Environment environment = this.context.getEnvironment();
			String name = rest.getForObject(
					"http://127.0.0.1:" + environment.getProperty("local.server.port") + "/downstream", String.class);
			this.auditor.audit();
			logger.info("greeting " + name);
			return this.composer.compose(name);
		}

		@GetMapping("/downstream")
		String downstream() {
			return "world";
		}

	}

	public static class Composer {

		@Observed(name = "greeting.compose", contextualName = "compose-greeting")
		public String compose(String name) {
			return "hello " + name;
		}

	}

	public static class Ticker {

		@Scheduled(fixedDelay = 100)
		public void tick() {
		}

	}

	public static class Auditor {

		@NewSpan("audit-greeting")
		public void audit() {
		}

	}

}
