package dev.otelspring.autoconfigure.traceview;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The trace view on a WebFlux application's own port: {@code <path>} (the page),
 * {@code <path>/traces} and {@code <path>/traces/<trace id>}.
 */
final class ReactiveTraceViewRoutes {

	private ReactiveTraceViewRoutes() {
	}

	static RouterFunction<ServerResponse> routes(String path, TraceViewContent content) {
		return RouterFunctions.route()
			.GET(path, (request) -> respond(request, TraceViewContent.HTML, content::page))
			.GET(path + "/traces", (request) -> respond(request, TraceViewContent.JSON, content::traces))
			.GET(path + "/traces/{traceId}",
					(request) -> respond(request, TraceViewContent.JSON,
							() -> content.trace(request.pathVariable("traceId"))))
			.build();
	}

	private static Mono<ServerResponse> respond(ServerRequest request, String contentType, Supplier<String> body) {
		return request.principal()
			.map(Optional::<Principal>of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> {
				if (!TraceViewContent.allows(principal.orElse(null))) {
					return ServerResponse.status(HttpStatus.UNAUTHORIZED)
						.contentType(MediaType.TEXT_PLAIN)
						.bodyValue("The trace view needs an authenticated user.\n");
				}
				String text = body.get();
				if (text == null) {
					return ServerResponse.notFound().build();
				}
				return ServerResponse.ok()
					.contentType(MediaType.parseMediaType(contentType))
					.header("Cache-Control", "no-store")
					.header("X-Content-Type-Options", "nosniff")
					.header("Referrer-Policy", "no-referrer")
					.bodyValue(text);
			});
	}

}
