package dev.otelspring.autoconfigure.web.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * The headers configured for capture, with their attribute keys built once. Credentials
 * ({@code Authorization}, {@code Cookie}, {@code Set-Cookie},
 * {@code Proxy-Authorization}) are never captured, whatever the configuration says.
 * Immutable and thread-safe.
 */
public final class CapturedHeaders {

	private static final Set<String> NEVER_CAPTURED = Set.of("authorization", "cookie", "set-cookie",
			"proxy-authorization");

	private final String[] names;

	private final List<AttributeKey<List<String>>> keys;

	/**
	 * Returns the capture list for request headers, recorded as
	 * {@code http.request.header.<name>}.
	 * @param configured the configured header names, any case
	 * @return the capture list
	 */
	public static CapturedHeaders requestHeaders(Collection<String> configured) {
		return new CapturedHeaders(configured, "http.request.header.");
	}

	/**
	 * Returns the capture list for response headers, recorded as
	 * {@code http.response.header.<name>}.
	 * @param configured the configured header names, any case
	 * @return the capture list
	 */
	public static CapturedHeaders responseHeaders(Collection<String> configured) {
		return new CapturedHeaders(configured, "http.response.header.");
	}

	private CapturedHeaders(Collection<String> configured, String prefix) {
		List<String> names = new ArrayList<>();
		List<AttributeKey<List<String>>> keys = new ArrayList<>();
		for (String header : configured) {
			String name = header.trim().toLowerCase(Locale.ROOT);
			if (!name.isEmpty() && !NEVER_CAPTURED.contains(name) && !names.contains(name)) {
				names.add(name);
				keys.add(AttributeKey.stringArrayKey(prefix + name));
			}
		}
		this.names = names.toArray(String[]::new);
		this.keys = List.copyOf(keys);
	}

	/**
	 * Returns whether nothing is captured.
	 * @return whether the list is empty
	 */
	public boolean isEmpty() {
		return this.names.length == 0;
	}

	/**
	 * Records the captured headers on the span, when it records.
	 * @param span the span
	 * @param values gives a header's values by name, empty or {@code null} when absent
	 */
	public void record(Span span, Function<String, List<String>> values) {
		if (!span.isRecording()) {
			// Nothing would be kept: the headers are not read.
			return;
		}
		for (int i = 0; i < this.names.length; i++) {
			List<String> headerValues = values.apply(this.names[i]);
			if (headerValues != null && !headerValues.isEmpty()) {
				span.setAttribute(this.keys.get(i), headerValues);
			}
		}
	}

}
