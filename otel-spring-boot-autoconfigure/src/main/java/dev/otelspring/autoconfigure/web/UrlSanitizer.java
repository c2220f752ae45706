package dev.otelspring.autoconfigure.web;

import java.net.URI;
import java.util.Collection;
import java.util.Set;

/**
 * Removes what must not reach a span from URLs: user info is dropped and the values of
 * sensitive query parameters are replaced by {@code REDACTED}, as the semantic
 * conventions ask. Immutable and thread-safe; returns its input unchanged (no allocation)
 * when there is nothing to remove.
 */
public final class UrlSanitizer {

	/** The replacement for a sensitive value. */
	public static final String REDACTED = "REDACTED";

	private final Set<String> sensitiveParameters;

	/**
	 * Creates a sanitizer.
	 * @param sensitiveParameters the query parameter names whose values are redacted
	 * (exact match)
	 */
	public UrlSanitizer(Collection<String> sensitiveParameters) {
		this.sensitiveParameters = Set.copyOf(sensitiveParameters);
	}

	/**
	 * Redacts the values of sensitive parameters in a raw query string.
	 * @param query the query, without the leading {@code ?}; may be {@code null}
	 * @return the sanitized query
	 */
	public String sanitizeQuery(String query) {
		if (query == null || query.isEmpty() || this.sensitiveParameters.isEmpty()) {
			return query;
		}
		StringBuilder result = null;
		int start = 0;
		int length = query.length();
		while (start <= length) {
			int end = query.indexOf('&', start);
			if (end < 0) {
				end = length;
			}
			int equals = query.indexOf('=', start);
			if (equals > start && equals < end && this.sensitiveParameters.contains(query.substring(start, equals))) {
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

	/**
	 * Returns the full URL without user info and with sensitive query values redacted.
	 * @param uri the request URI
	 * @return the sanitized URL
	 */
	public String sanitizeUrl(URI uri) {
		String rawQuery = uri.getRawQuery();
		String query = sanitizeQuery(rawQuery);
		if (uri.getRawUserInfo() == null && query == rawQuery) {
			return uri.toString();
		}
		StringBuilder url = new StringBuilder();
		if (uri.getScheme() != null) {
			url.append(uri.getScheme()).append("://");
		}
		if (uri.getHost() != null) {
			url.append(uri.getHost());
		}
		if (uri.getPort() != -1) {
			url.append(':').append(uri.getPort());
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

}
