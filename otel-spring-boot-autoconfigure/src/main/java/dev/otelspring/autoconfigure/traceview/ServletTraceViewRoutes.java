package dev.otelspring.autoconfigure.traceview;

import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The trace view on a servlet application's own port, as Spring MVC routes:
 * {@code <path>} (the page), {@code <path>/traces} and {@code <path>/traces/<trace id>}.
 */
final class ServletTraceViewRoutes {

	private ServletTraceViewRoutes() {
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

	private static ServerResponse respond(ServerRequest request, String contentType, Supplier<String> body) {
		if (!TraceViewContent.allows(request.principal().orElse(null))) {
			return ServerResponse.status(HttpStatus.UNAUTHORIZED)
				.contentType(MediaType.TEXT_PLAIN)
				.body("The trace view needs an authenticated user.\n");
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
			.body(text);
	}

}
