package dev.otelspring.autoconfigure.web.servlet;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Span names ({@code "GET /api/orders/{id}"}) built once per method and route, instead of
 * once per request. Bounded: past {@value #MAX_ROUTES} routes, names are built per
 * request.
 */
final class RouteNames {

	private static final int MAX_ROUTES = 4096;

	private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> names = new ConcurrentHashMap<>();

	String name(String method, String route) {
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
