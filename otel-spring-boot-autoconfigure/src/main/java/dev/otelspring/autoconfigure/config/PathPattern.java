package dev.otelspring.autoconfigure.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one pattern grammar for paths and names in configuration (skip paths, sampling
 * rules): an exact value ({@code /favicon.ico}), a tree ({@code /actuator/**}: the prefix
 * itself and everything below it), a prefix ({@code /api*}) or a suffix ({@code *.css}).
 * A {@code *} anywhere else cannot be expressed and stops startup. Immutable and
 * thread-safe; matching allocates nothing.
 */
public final class PathPattern {

	static final String GRAMMAR = "an exact value, 'prefix/**', 'prefix*' or '*suffix' ('*' only at the start "
			+ "or the end)";

	private enum Type {

		EXACT, TREE, PREFIX, SUFFIX

	}

	private final String pattern;

	private final Type type;

	private final String text;

	private PathPattern(String pattern, Type type, String text) {
		this.pattern = pattern;
		this.type = type;
		this.text = text;
	}

	/**
	 * Compiles a pattern.
	 * @param key the key it was configured under, for the failure report
	 * @param pattern the pattern, trimmed here
	 * @return the compiled pattern, or {@code null} for a blank one
	 * @throws InvalidOtelPropertyException for a pattern the grammar cannot express
	 */
	public static PathPattern compile(String key, String pattern) {
		if (pattern == null || pattern.isBlank()) {
			return null;
		}
		String trimmed = pattern.trim();
		PathPattern compiled;
		if (trimmed.endsWith("/**")) {
			compiled = new PathPattern(trimmed, Type.TREE, trimmed.substring(0, trimmed.length() - 3));
		}
		else if (trimmed.startsWith("*")) {
			compiled = new PathPattern(trimmed, Type.SUFFIX, trimmed.substring(1));
		}
		else if (trimmed.endsWith("*")) {
			compiled = new PathPattern(trimmed, Type.PREFIX, trimmed.substring(0, trimmed.length() - 1));
		}
		else {
			compiled = new PathPattern(trimmed, Type.EXACT, trimmed);
		}
		if (compiled.text.indexOf('*') >= 0) {
			throw new InvalidOtelPropertyException(key, trimmed, GRAMMAR);
		}
		return compiled;
	}

	/**
	 * Compiles a list of patterns, leaving out blank ones.
	 * @param key the key they were configured under, for the failure report
	 * @param patterns the patterns
	 * @return the compiled patterns
	 */
	public static List<PathPattern> compileAll(String key, Collection<String> patterns) {
		List<PathPattern> compiled = new ArrayList<>();
		for (String pattern : patterns) {
			PathPattern one = compile(key, pattern);
			if (one != null) {
				compiled.add(one);
			}
		}
		return List.copyOf(compiled);
	}

	/**
	 * Returns whether the value matches.
	 * @param value a path or name; {@code null} never matches
	 * @return whether it matches
	 */
	public boolean matches(String value) {
		if (value == null) {
			return false;
		}
		return switch (this.type) {
			case TREE -> value.equals(this.text) || (value.startsWith(this.text) && value.length() > this.text.length()
					&& value.charAt(this.text.length()) == '/');
			case PREFIX -> value.startsWith(this.text);
			case SUFFIX -> value.endsWith(this.text);
			case EXACT -> value.equals(this.text);
		};
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
