package dev.otelspring.autoconfigure.sdk;

import java.util.List;

import dev.otelspring.autoconfigure.config.BaggageProperties;
import dev.otelspring.autoconfigure.config.PropagationSettings;
import dev.otelspring.autoconfigure.config.PropagatorType;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.opentelemetry.extension.trace.propagation.OtTracePropagator;

/**
 * Builds the {@link ContextPropagators} the settings name: the W3C ones from the API, the
 * others from the SDK's propagator extension, no propagation for an empty list.
 */
final class PropagatorsFactory {

	private PropagatorsFactory() {
	}

	static ContextPropagators create(PropagationSettings settings) {
		List<PropagatorType> types = settings.propagators();
		if (types.isEmpty()) {
			return ContextPropagators.noop();
		}
		return ContextPropagators.create(TextMapPropagator
			.composite(types.stream().map((type) -> propagator(type, settings.baggage())).toList()));
	}

	private static TextMapPropagator propagator(PropagatorType type, BaggageProperties baggage) {
		return switch (type) {
			case TRACE_CONTEXT -> W3CTraceContextPropagator.getInstance();
			case BAGGAGE -> new BoundedBaggagePropagator(W3CBaggagePropagator.getInstance(), baggage.acceptInbound(),
					baggage.maxOutboundLength());
			default -> ExtensionPropagators.get(type);
		};
	}

	/**
	 * Kept apart so that the extension's classes load only when a propagator of it is
	 * named.
	 */
	private static final class ExtensionPropagators {

		static TextMapPropagator get(PropagatorType type) {
			return switch (type) {
				case B3 -> B3Propagator.injectingSingleHeader();
				case B3_MULTI -> B3Propagator.injectingMultiHeaders();
				case JAEGER -> JaegerPropagator.getInstance();
				case OT_TRACE -> OtTracePropagator.getInstance();
				default -> throw new IllegalArgumentException(type.value());
			};
		}

	}

}
