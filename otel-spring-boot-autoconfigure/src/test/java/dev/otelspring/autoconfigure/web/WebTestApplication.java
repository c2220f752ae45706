package dev.otelspring.autoconfigure.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A small Spring MVC application for the HTTP instrumentation tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WebTestApplication {

	static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

	/** An exception the application handles itself, answering 400. */
	static class InvalidOrderException extends RuntimeException {

		InvalidOrderException(String message) {
			super(message);
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/orders/{id}")
		Map<String, Object> order(@PathVariable String id) {
			return Map.of("id", id);
		}

		@GetMapping("/api/fail")
		String fail() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/api/handled")
		String handled() {
			throw new InvalidOrderException("quantity must be positive");
		}

		@GetMapping("/api/unavailable")
		ResponseEntity<String> unavailable() {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("down");
		}

		@GetMapping("/api/not-found")
		ResponseEntity<String> notFound() {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body("none");
		}

		@GetMapping("/internal/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/async/callable")
		Callable<String> callable() {
			return () -> {
				Thread.sleep(150);
				return "done";
			};
		}

		@GetMapping("/async/deferred")
		DeferredResult<String> deferred() {
			DeferredResult<String> result = new DeferredResult<>();
			LATER.schedule(() -> result.setResult("done"), 150, TimeUnit.MILLISECONDS);
			return result;
		}

		@GetMapping("/async/future")
		CompletableFuture<String> future() {
			return CompletableFuture.supplyAsync(() -> "done",
					CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));
		}

		@GetMapping("/async/future-failure")
		CompletableFuture<String> futureFailure() {
			return CompletableFuture.supplyAsync(() -> {
				throw new IllegalStateException("async boom");
			}, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
		}

		@GetMapping("/async/stream")
		ResponseEntity<StreamingResponseBody> stream() {
			return ResponseEntity.ok((out) -> {
				sleep(150);
				out.write("streamed".getBytes(StandardCharsets.UTF_8));
			});
		}

		@GetMapping("/async/sse")
		SseEmitter sse() {
			SseEmitter emitter = new SseEmitter(5000L);
			LATER.schedule(() -> {
				try {
					emitter.send("event");
					emitter.complete();
				}
				catch (IOException ex) {
					emitter.completeWithError(ex);
				}
			}, 150, TimeUnit.MILLISECONDS);
			return emitter;
		}

		@ExceptionHandler(InvalidOrderException.class)
		ResponseEntity<String> invalid(InvalidOrderException ex) {
			return ResponseEntity.badRequest().body(ex.getMessage());
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
