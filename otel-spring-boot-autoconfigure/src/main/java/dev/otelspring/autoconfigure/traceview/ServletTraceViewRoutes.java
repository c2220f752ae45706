package dev.otelspring.autoconfigure.traceview;

import java.util.function.Supplier;

import dev.otelspring.autoconfigure.traceview.TraceViewContent.Answer;

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
		Answer answer = TraceViewContent.answer(request.principal().orElse(null), contentType, body);
		return ServerResponse.status(answer.status())
			.contentType(MediaType.parseMediaType(answer.contentType()))
			.headers((headers) -> TraceViewContent.HEADERS.forEach(headers::add))
			.body(answer.body());
	}

}
