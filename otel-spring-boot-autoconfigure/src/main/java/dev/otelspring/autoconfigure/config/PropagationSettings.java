package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The context propagators named by {@code otel.propagators}: {@code tracecontext} and
 * {@code baggage} by default; empty for {@code none}.
 *
 * @param propagators the propagators, in order, none repeated
 * @param baggage what the baggage propagator accepts and forwards
 */
public record PropagationSettings(List<PropagatorType> propagators, BaggageProperties baggage) {

	private static final List<String> DEFAULT = List.of(PropagatorType.TRACE_CONTEXT.value(),
			PropagatorType.BAGGAGE.value());

	private static final String EXTENSION_CLASS = "io.opentelemetry.extension.trace.propagation.B3Propagator";

	/**
	 * Reads and validates the settings. The propagators that are not W3C's need the SDK's
	 * propagator extension on the classpath.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static PropagationSettings from(Environment environment) {
		OtelProperties properties = new OtelProperties(environment);
		List<String> names = properties.getList(OtelPropertyNames.PROPAGATORS, DEFAULT);
		List<PropagatorType> propagators = PropertyValues.parseList(OtelPropertyNames.PROPAGATORS, names,
				PropagatorType.class, PropagatorType.NONE);
		boolean extensionPresent = ClassUtils.isPresent(EXTENSION_CLASS, PropagationSettings.class.getClassLoader());
		for (PropagatorType propagator : propagators) {
			if (propagator != PropagatorType.TRACE_CONTEXT && propagator != PropagatorType.BAGGAGE
					&& !extensionPresent) {
				throw new InvalidOtelPropertyException(OtelPropertyNames.PROPAGATORS, String.join(",", names),
						"tracecontext or baggage; '" + propagator.value() + "' needs io.opentelemetry:"
								+ "opentelemetry-extension-trace-propagators on the classpath");
			}
		}
		return new PropagationSettings(propagators, BaggageProperties.from(environment));
	}

}
