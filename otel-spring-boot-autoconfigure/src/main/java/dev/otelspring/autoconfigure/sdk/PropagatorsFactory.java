package dev.otelspring.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.opentelemetry.extension.trace.propagation.OtTracePropagator;

import org.springframework.util.ClassUtils;

/**
 * Builds the {@link ContextPropagators} named by {@code otel.propagators}: {@code tracecontext} and
 * {@code baggage} by default; {@code b3}, {@code b3multi}, {@code jaeger} and {@code ottrace} from the
 * SDK's propagator extension; {@code none} for no propagation.
 */
final class PropagatorsFactory {

	static final String PROPAGATORS = "otel.propagators";

	static final String VALID = "a comma-separated list of tracecontext, baggage, b3, b3multi, jaeger, ottrace, "
			+ "or none";

	private static final boolean EXTENSION_PRESENT = ClassUtils.isPresent(
			"io.opentelemetry.extension.trace.propagation.B3Propagator", PropagatorsFactory.class.getClassLoader());

	private PropagatorsFactory() {
	}

	static ContextPropagators create(OtelProperties properties) {
		List<String> names = properties.getList(PROPAGATORS, List.of("tracecontext", "baggage"));
		List<TextMapPropagator> propagators = new ArrayList<>();
		for (String name : names) {
			if ("none".equals(name)) {
				if (names.size() > 1) {
					throw new InvalidOtelPropertyException(PROPAGATORS, String.join(",", names),
							"'none' alone, or " + VALID);
				}
				return ContextPropagators.noop();
			}
			propagators.add(propagator(name, names));
		}
		return ContextPropagators.create(TextMapPropagator.composite(propagators));
	}

	private static TextMapPropagator propagator(String name, List<String> names) {
		switch (name) {
			case "tracecontext":
				return W3CTraceContextPropagator.getInstance();
			case "baggage":
				return W3CBaggagePropagator.getInstance();
			case "b3":
			case "b3multi":
			case "jaeger":
			case "ottrace":
				if (!EXTENSION_PRESENT) {
					throw new InvalidOtelPropertyException(PROPAGATORS, String.join(",", names),
							"tracecontext or baggage; '" + name + "' needs io.opentelemetry:"
									+ "opentelemetry-extension-trace-propagators on the classpath");
				}
				return ExtensionPropagators.get(name);
			default:
				throw new InvalidOtelPropertyException(PROPAGATORS, String.join(",", names), VALID);
		}
	}

	/** Kept apart so that the extension's classes load only when it is present. */
	private static final class ExtensionPropagators {

		static TextMapPropagator get(String name) {
			return switch (name) {
				case "b3" -> B3Propagator.injectingSingleHeader();
				case "b3multi" -> B3Propagator.injectingMultiHeaders();
				case "jaeger" -> JaegerPropagator.getInstance();
				default -> OtTracePropagator.getInstance();
			};
		}

	}

}
