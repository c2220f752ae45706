package dev.otelspring.autoconfigure.web.servlet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Matches request paths against skip patterns without regular expressions or allocation: an exact
 * path ({@code /favicon.ico}), a prefix ({@code /actuator/health/**} matches {@code /actuator/health}
 * and everything below it), or a suffix ({@code *.css}). Immutable and thread-safe.
 */
final class PathMatchers {

	private final String[] exact;

	private final String[] prefixes;

	private final String[] suffixes;

	PathMatchers(Collection<String> patterns) {
		List<String> exact = new ArrayList<>();
		List<String> prefixes = new ArrayList<>();
		List<String> suffixes = new ArrayList<>();
		for (String pattern : patterns) {
			String trimmed = pattern.trim();
			if (trimmed.endsWith("/**")) {
				String base = trimmed.substring(0, trimmed.length() - 3);
				exact.add(base.isEmpty() ? "/" : base);
				prefixes.add(base + "/");
			}
			else if (trimmed.startsWith("*.")) {
				suffixes.add(trimmed.substring(1));
			}
			else if (!trimmed.isEmpty()) {
				exact.add(trimmed);
			}
		}
		this.exact = exact.toArray(String[]::new);
		this.prefixes = prefixes.toArray(String[]::new);
		this.suffixes = suffixes.toArray(String[]::new);
	}

	boolean matches(String path) {
		for (String candidate : this.exact) {
			if (candidate.equals(path)) {
				return true;
			}
		}
		for (String prefix : this.prefixes) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		for (String suffix : this.suffixes) {
			if (path.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

}
