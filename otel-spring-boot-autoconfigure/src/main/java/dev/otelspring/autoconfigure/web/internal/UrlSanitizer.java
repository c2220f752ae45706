package dev.otelspring.autoconfigure.web.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

/**
 * Removes what must not reach a span from URLs: user info is dropped and the values of
 * sensitive query parameters are replaced by {@code REDACTED}, as the semantic
 * conventions ask. Parameter names match whatever their case or percent-encoding
 * ({@code Password=}, {@code access%5Ftoken=}). Works from the raw authority, so a host
 * that {@link URI} cannot parse (one with {@code _}) keeps its name and port and still
 * loses its user info. Linear in the URL's length; immutable and thread-safe; returns its
 * input unchanged (no allocation) when there is nothing to remove.
 */
public final class UrlSanitizer {

	/** The replacement for a sensitive value. */
	public static final String REDACTED = "REDACTED";

	private final String[] sensitiveParameters;

	/**
	 * Creates a sanitizer.
	 * @param sensitiveParameters the query parameter names whose values are redacted, any
	 * case
	 */
	public UrlSanitizer(Collection<String> sensitiveParameters) {
		this.sensitiveParameters = sensitiveParameters.stream()
			.map((name) -> name.trim().toLowerCase(Locale.ROOT))
			.filter((name) -> !name.isEmpty())
			.distinct()
			.toArray(String[]::new);
	}

	/**
	 * Redacts the values of sensitive parameters in a raw query string.
	 * @param query the query, without the leading {@code ?}; may be {@code null}
	 * @return the sanitized query
	 */
	public String sanitizeQuery(String query) {
		if (query == null || query.isEmpty() || this.sensitiveParameters.length == 0) {
			return query;
		}
		StringBuilder result = null;
		int start = 0;
		int length = query.length();
		while (start <= length) {
			int end = start;
			int equals = -1;
			while (end < length && query.charAt(end) != '&') {
				if (equals < 0 && query.charAt(end) == '=') {
					equals = end;
				}
				end++;
			}
			if (equals > start && isSensitive(query, start, equals)) {
				if (result == null) {
					result = new StringBuilder(length).append(query, 0, start);
				}
				result.append(query, start, equals + 1).append(REDACTED);
			}
			else if (result != null) {
				result.append(query, start, end);
			}
			if (end < length && result != null) {
				result.append('&');
			}
			start = end + 1;
		}
		return (result != null) ? result.toString() : query;
	}

	private boolean isSensitive(String query, int start, int end) {
		int length = end - start;
		boolean encoded = false;
		for (int i = start; i < end; i++) {
			char c = query.charAt(i);
			if (c == '%' || c == '+') {
				encoded = true;
				break;
			}
		}
		if (encoded) {
			return isSensitiveName(decode(query.substring(start, end)));
		}
		for (String name : this.sensitiveParameters) {
			if (name.length() == length && query.regionMatches(true, start, name, 0, length)) {
				return true;
			}
		}
		return false;
	}

	private boolean isSensitiveName(String name) {
		for (String sensitive : this.sensitiveParameters) {
			if (sensitive.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	private static String decode(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A stray '%': compare the name as it is.
			return name;
		}
	}

	/**
	 * Returns the full URL without user info and with sensitive query values redacted.
	 * @param uri the request URI
	 * @return the sanitized URL
	 */
	public String sanitizeUrl(URI uri) {
		String rawQuery = uri.getRawQuery();
		String query = sanitizeQuery(rawQuery);
		String authority = uri.getRawAuthority();
		int at = (authority != null) ? authority.lastIndexOf('@') : -1;
		if (at < 0 && query == rawQuery) {
			return uri.toString();
		}
		StringBuilder url = new StringBuilder();
		if (uri.getScheme() != null) {
			url.append(uri.getScheme()).append(':');
		}
		if (authority != null) {
			url.append("//").append(authority, at + 1, authority.length());
		}
		if (uri.getRawPath() != null) {
			url.append(uri.getRawPath());
		}
		if (query != null) {
			url.append('?').append(query);
		}
		if (uri.getRawFragment() != null) {
			url.append('#').append(uri.getRawFragment());
		}
		return url.toString();
	}

	/**
	 * Returns the host the URI names, also where {@link URI#getHost()} cannot parse it (a
	 * host with {@code _}).
	 * @param uri the URI
	 * @return the host, or {@code null}
	 */
	public static String host(URI uri) {
		if (uri.getHost() != null) {
			return uri.getHost();
		}
		String hostAndPort = hostAndPort(uri);
		if (hostAndPort == null || hostAndPort.isEmpty()) {
			return null;
		}
		int colon = hostAndPort.lastIndexOf(':');
		return (colon >= 0 && !hostAndPort.endsWith("]")) ? hostAndPort.substring(0, colon) : hostAndPort;
	}

	/**
	 * Returns the port the URI names, else the scheme's default ({@code 80} for http,
	 * {@code 443} for https), also where {@link URI#getPort()} cannot parse the
	 * authority.
	 * @param uri the URI
	 * @return the port, or {@code -1} when none is known
	 */
	public static int port(URI uri) {
		int port = uri.getPort();
		if (port == -1 && uri.getHost() == null) {
			String hostAndPort = hostAndPort(uri);
			int colon = (hostAndPort != null) ? hostAndPort.lastIndexOf(':') : -1;
			if (colon >= 0 && !hostAndPort.endsWith("]")) {
				try {
					port = Integer.parseInt(hostAndPort.substring(colon + 1));
				}
				catch (NumberFormatException ex) {
					port = -1;
				}
			}
		}
		if (port != -1) {
			return port;
		}
		String scheme = uri.getScheme();
		if ("https".equalsIgnoreCase(scheme)) {
			return 443;
		}
		return "http".equalsIgnoreCase(scheme) ? 80 : -1;
	}

	private static String hostAndPort(URI uri) {
		String authority = uri.getRawAuthority();
		return (authority != null) ? authority.substring(authority.lastIndexOf('@') + 1) : null;
	}

	/**
	 * Removes the path parameters of every segment ({@code /a;x=1/b;y} becomes
	 * {@code /a/b}); a session id must not reach a span.
	 * @param uri the raw request URI
	 * @return the URI without path parameters, the same instance when it has none
	 */
	public static String withoutPathParameters(String uri) {
		int semicolon = uri.indexOf(';');
		if (semicolon < 0) {
			return uri;
		}
		StringBuilder path = new StringBuilder(uri.length());
		int start = 0;
		while (semicolon >= 0) {
			path.append(uri, start, semicolon);
			int slash = uri.indexOf('/', semicolon);
			if (slash < 0) {
				return path.toString();
			}
			start = slash;
			semicolon = uri.indexOf(';', start);
		}
		return path.append(uri, start, uri.length()).toString();
	}

}
