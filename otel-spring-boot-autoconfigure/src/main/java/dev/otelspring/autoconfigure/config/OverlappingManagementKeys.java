package dev.otelspring.autoconfigure.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Spring Boot's {@code management.*} keys for its own OpenTelemetry tracing that this
 * starter's SDK replaces: set beside the starter, they have no effect, and the
 * application is told which {@code otel.*} key does the job.
 */
public final class OverlappingManagementKeys {

	/** Each Boot key prefix (Boot 3.5 and 4), and the keys to use instead. */
	private static final Map<String, String> REPLACEMENTS = replacements();

	private OverlappingManagementKeys() {
	}

	private static Map<String, String> replacements() {
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put("management.tracing.sampling.",
				OtelPropertyNames.TRACES_SAMPLER + " and " + OtelPropertyNames.TRACES_SAMPLER_ARG);
		replacements.put("management.tracing.propagation.", OtelPropertyNames.PROPAGATORS);
		replacements.put("management.tracing.baggage.",
				OtelPropertyNames.PROPAGATORS + " (baggage) and " + OtelPropertyNames.BAGGAGE + ".*");
		replacements.put("management.otlp.tracing.", OtelPropertyNames.OTLP + "*");
		replacements.put("management.opentelemetry.tracing.export.otlp.", OtelPropertyNames.OTLP + "*");
		replacements.put("management.opentelemetry.tracing.export.", "otel.bsp.*");
		replacements.put("management.tracing.opentelemetry.export.", "otel.bsp.*");
		replacements.put("management.opentelemetry.resource-attributes", OtelPropertyNames.RESOURCE_ATTRIBUTES);
		return replacements;
	}

	/**
	 * Returns one line for each such key the application sets, naming the key and what to
	 * use instead.
	 * @param environment the Spring environment
	 * @return the lines, empty when none is set
	 */
	public static List<String> find(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return List.of();
		}
		Set<String> names = new LinkedHashSet<>();
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					names.add(name);
				}
			}
		}
		List<String> lines = new ArrayList<>();
		for (String name : names) {
			String normalized = normalize(name);
			for (Map.Entry<String, String> replacement : REPLACEMENTS.entrySet()) {
				if (normalized.startsWith(normalize(replacement.getKey()))) {
					lines.add(name + " has no effect beside otel-spring-boot-starter, whose OpenTelemetry SDK the "
							+ "application uses; use " + replacement.getValue());
					break;
				}
			}
		}
		return lines;
	}

	// management.tracing.sampling.probability, MANAGEMENT_TRACING_SAMPLING_PROBABILITY
	// and
	// management.opentelemetry.resourceAttributes all read alike.
	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
	}

}
