package dev.otelspring.autoconfigure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The in-app trace view for development ({@code otel.spring.trace-view.*}): a page of the
 * recent traces, each as a waterfall, served by the application itself.
 *
 * @param enabled whether the trace view is on (off by default)
 * @param path where the page is served on the application's own port when it is not an
 * Actuator endpoint: a path starting with {@code /}
 * @param maxTraces the most traces held; past it the trace that received a span the
 * longest time ago is dropped
 * @param maxBytes the most heap, estimated from the spans' strings and entries, that the
 * held traces take; past it the trace that received a span the longest time ago is
 * dropped
 */
@ConfigurationProperties("otel.spring.trace-view")
public record TraceViewProperties(@DefaultValue("false") boolean enabled, @DefaultValue("/otel/trace-view") String path,
		@DefaultValue("100") int maxTraces, @DefaultValue("16MB") DataSize maxBytes) {

	private static final String PREFIX = OtelPropertyNames.TRACE_VIEW + ".";

	/**
	 * Checks each value.
	 */
	public TraceViewProperties {
		if (enabled) {
			if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
				throw new InvalidOtelPropertyException(PREFIX + "path", String.valueOf(path),
						"a path of one or more segments, starting with / and not ending with one, such as /otel/trace-view");
			}
			Validation.requireAtLeast(PREFIX + "max-traces", maxTraces, 1);
			if (maxBytes == null || maxBytes.toBytes() < 64 * 1024) {
				throw new InvalidOtelPropertyException(PREFIX + "max-bytes", String.valueOf(maxBytes),
						"a data size of at least 64KB (64KB, 16MB, 1GB)");
			}
		}
	}

	/**
	 * Returns the pattern of the page's path and everything under it.
	 * @return the pattern
	 */
	public PathPattern pathPattern() {
		return PathPattern.compile(PREFIX + "path", this.path + "/**");
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static TraceViewProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.TRACE_VIEW, TraceViewProperties.class);
	}

}
