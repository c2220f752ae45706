package dev.otelspring.autoconfigure.exporter;

import java.util.List;
import java.util.Set;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;

/**
 * Reads {@code otel.traces.exporter}: a list of {@code otlp} (the default), {@code console}, or
 * {@code none} alone.
 */
public final class TracesExporters {

	/** The property that selects the exporters. */
	public static final String TRACES_EXPORTER = "otel.traces.exporter";

	private static final Set<String> KNOWN = Set.of("otlp", "console", "none");

	private static final String VALID = "a comma-separated list of otlp, console, or 'none' alone";

	private TracesExporters() {
	}

	/**
	 * Returns the validated list of exporter names.
	 * @param properties the properties to read
	 * @return the exporter names, empty for {@code none}
	 */
	public static List<String> get(OtelProperties properties) {
		List<String> names = properties.getList(TRACES_EXPORTER, List.of("otlp"));
		for (String name : names) {
			if (!KNOWN.contains(name) || ("none".equals(name) && names.size() > 1)) {
				throw new InvalidOtelPropertyException(TRACES_EXPORTER, String.join(",", names), VALID);
			}
		}
		return names.contains("none") ? List.of() : names;
	}

}
