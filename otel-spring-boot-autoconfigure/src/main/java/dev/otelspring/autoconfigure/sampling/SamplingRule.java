package dev.otelspring.autoconfigure.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

/**
 * One sampling rule: when every condition it sets matches a new span (span kind, span name,
 * {@code url.path}, {@code http.route}), the span is dropped or sampled, whatever the fallback sampler
 * would say. Patterns are exact, {@code prefix/**} (the prefix and everything below it),
 * {@code prefix*} or {@code *suffix}. Immutable and thread-safe; matching allocates nothing.
 */
public final class SamplingRule {

	private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	private final boolean sample;

	private final SpanKind kind;

	private final Glob name;

	private final Glob urlPath;

	private final Glob httpRoute;

	SamplingRule(boolean sample, SpanKind kind, String name, String urlPath, String httpRoute) {
		this.sample = sample;
		this.kind = kind;
		this.name = Glob.of(name);
		this.urlPath = Glob.of(urlPath);
		this.httpRoute = Glob.of(httpRoute);
	}

	boolean isSample() {
		return this.sample;
	}

	boolean matches(String spanName, SpanKind spanKind, Attributes attributes) {
		if (this.kind != null && this.kind != spanKind) {
			return false;
		}
		if (this.name != null && !this.name.matches(spanName)) {
			return false;
		}
		if (this.urlPath != null && !this.urlPath.matches(attributes.get(URL_PATH))) {
			return false;
		}
		if (this.httpRoute != null) {
			// The route is known only once routing is done; at span start the path stands in for it.
			String route = attributes.get(HTTP_ROUTE);
			return this.httpRoute.matches((route != null) ? route : attributes.get(URL_PATH));
		}
		return true;
	}

	@Override
	public String toString() {
		return (this.sample ? "sample" : "drop") + "{kind=" + this.kind + ", name=" + this.name + ", url.path="
				+ this.urlPath + ", http.route=" + this.httpRoute + "}";
	}

	/** A compiled pattern. */
	record Glob(String pattern, int type, String text) {

		static final int EXACT = 0;

		static final int TREE = 1;

		static final int PREFIX = 2;

		static final int SUFFIX = 3;

		static Glob of(String pattern) {
			if (pattern == null || pattern.isBlank()) {
				return null;
			}
			String trimmed = pattern.trim();
			if (trimmed.endsWith("/**")) {
				return new Glob(trimmed, TREE, trimmed.substring(0, trimmed.length() - 3));
			}
			if (trimmed.endsWith("*")) {
				return new Glob(trimmed, PREFIX, trimmed.substring(0, trimmed.length() - 1));
			}
			if (trimmed.startsWith("*")) {
				return new Glob(trimmed, SUFFIX, trimmed.substring(1));
			}
			return new Glob(trimmed, EXACT, trimmed);
		}

		boolean matches(String value) {
			if (value == null) {
				return false;
			}
			return switch (this.type) {
				case TREE -> value.equals(this.text) || (value.startsWith(this.text)
						&& value.length() > this.text.length() && value.charAt(this.text.length()) == '/');
				case PREFIX -> value.startsWith(this.text);
				case SUFFIX -> value.endsWith(this.text);
				default -> value.equals(this.text);
			};
		}

		@Override
		public String toString() {
			return this.pattern;
		}

	}

}
