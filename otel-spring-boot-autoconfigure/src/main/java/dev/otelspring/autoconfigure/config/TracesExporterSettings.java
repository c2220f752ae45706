package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The span exporters listed by {@code otel.traces.exporter}: {@code otlp} by default;
 * empty for {@code none}.
 *
 * @param exporters the exporters, none repeated
 */
record TracesExporterSettings(List<TracesExporterType> exporters) {

	/**
	 * Reads and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	static TracesExporterSettings from(Environment environment) {
		List<String> names = new OtelProperties(environment).getList(OtelPropertyNames.TRACES_EXPORTER,
				List.of(TracesExporterType.OTLP.value()));
		return new TracesExporterSettings(PropertyValues.parseList(OtelPropertyNames.TRACES_EXPORTER, names,
				TracesExporterType.class, TracesExporterType.NONE));
	}

}
