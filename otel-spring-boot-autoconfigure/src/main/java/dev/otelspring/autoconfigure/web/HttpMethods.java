package dev.otelspring.autoconfigure.web;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Normalises HTTP methods as the semantic conventions ask: a known method is kept, any other becomes
 * {@code _OTHER}. Immutable and thread-safe.
 */
public final class HttpMethods {

	static final List<String> DEFAULT_KNOWN_METHODS = List.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS",
			"PATCH", "POST", "PUT", "TRACE");

	/** The value recorded for a method that is not known. */
	public static final String OTHER = "_OTHER";

	private final Set<String> known;

	/**
	 * Creates an instance that knows the given methods.
	 * @param known the known methods, any case
	 */
	public HttpMethods(Collection<String> known) {
		this.known = known.stream().map((method) -> method.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
	}

	/**
	 * Returns whether the method is known, exactly as given (methods are case-sensitive).
	 * @param method the request's method
	 * @return whether it is known
	 */
	public boolean isKnown(String method) {
		return method != null && this.known.contains(method);
	}

}
