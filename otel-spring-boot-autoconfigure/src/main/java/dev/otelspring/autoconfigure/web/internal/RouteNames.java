package dev.otelspring.autoconfigure.web.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Span names ({@code "GET /api/orders/{id}"}) built once per method and route, instead of
 * once per request. Bounded: past {@value #MAX_ROUTES} routes, names are built per
 * request.
 */
public final class RouteNames {

	private static final int MAX_ROUTES = 4096;

	private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> names = new ConcurrentHashMap<>();

	/**
	 * Returns whether a matched pattern is a route: a 404 from the static-resource
	 * catch-all ({@code /**}) matched no route at all.
	 * @param pattern the pattern the handler mapping matched
	 * @param status the response status
	 * @return whether it names the request's route
	 */
	public static boolean isRoute(String pattern, int status) {
		return !(status == 404 && "/**".equals(pattern));
	}

	/**
	 * Returns the span name of a method and a route.
	 * @param method the HTTP method
	 * @param route the route
	 * @return {@code "method route"}
	 */
	public String name(String method, String route) {
		ConcurrentHashMap<String, String> byRoute = this.names.get(method);
		if (byRoute == null) {
			if (this.names.size() >= 32) {
				return method + " " + route;
			}
			byRoute = this.names.computeIfAbsent(method, (key) -> new ConcurrentHashMap<>());
		}
		String name = byRoute.get(route);
		if (name == null) {
			name = method + " " + route;
			if (byRoute.size() < MAX_ROUTES) {
				byRoute.putIfAbsent(route, name);
			}
		}
		return name;
	}

}
