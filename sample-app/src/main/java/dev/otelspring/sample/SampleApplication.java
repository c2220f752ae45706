package dev.otelspring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestTemplate;

/**
 * The order flow from the OpenTelemetry tutorial, traced with otel-spring-boot-starter:
 * one dependency, a few lines of {@code application.yml}, and {@code @Traced} on the
 * business methods.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	/**
	 * A plain RestTemplate bean: the starter instruments it, nothing else is needed.
	 * @return the client
	 */
	@Bean
	RestTemplate restTemplate() {
		return new RestTemplate();
	}

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
