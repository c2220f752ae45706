package dev.otelspring.autoconfigure.web.reactive;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.otelspring.annotation.Traced;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A WebFlux application on Reactor Netty: a handler that hops schedulers, calls a
 * {@code @Traced} method returning a {@code Mono}, calls another endpoint with a
 * {@code WebClient} from Spring Boot's builder and logs; a failing handler; a stream of
 * server-sent events; a slow answer; a flaky endpoint for retries.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ReactiveTestApplication {

	@Bean
	Greeter greeter() {
		return new Greeter();
	}

	@RestController
	static class Endpoints {

		private static final Log logger = LogFactory.getLog(Endpoints.class);

		private final WebClient webClient;

		private final Environment environment;

		private final Greeter greeter;

		private final AtomicInteger flakyCalls = new AtomicInteger();

		Endpoints(WebClient.Builder builder, Environment environment, Greeter greeter) {
			this.webClient = builder.build();
			this.environment = environment;
			this.greeter = greeter;
		}

		/**
		 * Greets, asking the downstream service (on another server when a port is given).
		 */
		@GetMapping("/greet/{name}")
		Mono<String> greet(@PathVariable String name, @RequestParam(required = false) Integer port) {
			String downstream = (port != null) ? "http://127.0.0.1:" + port + "/downstream" : url("/downstream");
			return Mono.just(name)
				.publishOn(Schedulers.boundedElastic())
				.flatMap(this.greeter::greet)
				.flatMap((greeting) -> this.webClient.get()
					.uri(downstream)
					.retrieve()
					.bodyToMono(String.class)
					.map((suffix) -> greeting + suffix))
				.doOnNext((greeting) -> logger.info("greeted " + name));
		}

		@GetMapping("/downstream")
		Mono<String> downstream() {
			return Mono.just("!");
		}

		@GetMapping("/fail")
		Mono<String> fail() {
			return Mono.error(new IllegalStateException("no greeting today"));
		}

		@GetMapping(path = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<Long> ticks() {
			return Flux.interval(Duration.ofMillis(100)).take(3);
		}

		@GetMapping("/slow")
		Mono<String> slow() {
			return Mono.delay(Duration.ofSeconds(10)).thenReturn("late");
		}

		@GetMapping("/impatient")
		Mono<String> impatient() {
			return this.webClient.get()
				.uri(url("/slow"))
				.retrieve()
				.bodyToMono(String.class)
				.timeout(Duration.ofMillis(200))
				.onErrorReturn("gave up");
		}

		@GetMapping("/flaky")
		Mono<ResponseEntity<String>> flaky() {
			boolean fails = this.flakyCalls.incrementAndGet() % 2 == 1;
			return Mono.just(fails ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("later")
					: ResponseEntity.ok("ok"));
		}

		@GetMapping("/retry")
		Mono<String> retry() {
			return this.webClient.get().uri(url("/flaky")).retrieve().bodyToMono(String.class).retry(1);
		}

		private String url(String path) {
			return "http://127.0.0.1:" + this.environment.getProperty("local.server.port") + path;
		}

	}

	public static class Greeter {

		@Traced("compose-greeting")
		public Mono<String> greet(String name) {
			return Mono.just("hello " + name).delayElement(Duration.ofMillis(5));
		}

	}

}
