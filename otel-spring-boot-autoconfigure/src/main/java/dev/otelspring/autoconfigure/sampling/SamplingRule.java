package dev.otelspring.autoconfigure.sampling;

import dev.otelspring.autoconfigure.config.PathPattern;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

/**
 * One sampling rule: when every condition it sets matches a new span (span kind, span
 * name, {@code url.path}, {@code http.route}), the span is dropped or sampled, whatever
 * the fallback sampler would say. Patterns follow the grammar of {@link PathPattern},
 * checked when the settings were bound. Immutable and thread-safe; matching allocates
 * nothing.
 */
final class SamplingRule {

	private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	private final boolean sample;

	private final SpanKind kind;

	private final PathPattern name;

	private final PathPattern urlPath;

	private final PathPattern httpRoute;

	SamplingRule(boolean sample, SpanKind kind, PathPattern name, PathPattern urlPath, PathPattern httpRoute) {
		this.sample = sample;
		this.kind = kind;
		this.name = name;
		this.urlPath = urlPath;
		this.httpRoute = httpRoute;
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
			// The route is known only once routing is done; at span start the path stands
			// in for it.
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

}
