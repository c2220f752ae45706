package dev.otelspring.autoconfigure.traceview;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Supplier;

import dev.otelspring.autoconfigure.traceview.TraceViewContent.Answer;
import reactor.core.publisher.Mono;

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
				Answer answer = TraceViewContent.answer(principal.orElse(null), contentType, body);
				return ServerResponse.status(answer.status())
					.contentType(MediaType.parseMediaType(answer.contentType()))
					.headers((headers) -> TraceViewContent.HEADERS.forEach(headers::add))
					.bodyValue(answer.body());
			});
	}

}
