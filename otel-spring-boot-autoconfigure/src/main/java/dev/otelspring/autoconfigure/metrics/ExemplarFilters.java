package dev.otelspring.autoconfigure.metrics;

import java.lang.reflect.Method;

import dev.otelspring.autoconfigure.config.ExemplarFilterType;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;

/**
 * Sets the exemplar filter on the SDKs the starter supports: a public
 * {@code SdkMeterProviderBuilder.setExemplarFilter} in recent SDKs, the SDK's internal
 * utility before that. The SDK's default, {@code trace_based}, needs no call.
 */
final class ExemplarFilters {

	private static final String PUBLIC_FILTER = "io.opentelemetry.sdk.metrics.ExemplarFilter";

	private static final String INTERNAL_FILTER = "io.opentelemetry.sdk.metrics.internal.exemplar.ExemplarFilter";

	private static final String INTERNAL_UTIL = "io.opentelemetry.sdk.metrics.internal.SdkMeterProviderUtil";

	private ExemplarFilters() {
	}

	/**
	 * Applies the filter to the builder.
	 * @param builder the builder
	 * @param filter the filter
	 * @throws IllegalStateException when the SDK on the class path offers no way to set
	 * it
	 */
	static void apply(SdkMeterProviderBuilder builder, ExemplarFilterType filter) {
		if (filter == ExemplarFilterType.TRACE_BASED) {
			return;
		}
		String factory = (filter == ExemplarFilterType.ALWAYS_ON) ? "alwaysOn" : "alwaysOff";
		ClassLoader classLoader = SdkMeterProviderBuilder.class.getClassLoader();
		try {
			Class<?> type = Class.forName(PUBLIC_FILTER, false, classLoader);
			Object value = type.getMethod(factory).invoke(null);
			SdkMeterProviderBuilder.class.getMethod("setExemplarFilter", type).invoke(builder, value);
			return;
		}
		catch (ClassNotFoundException | NoSuchMethodException ex) {
			// An SDK from before the public API: the internal one below.
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not set the exemplar filter", ex);
		}
		try {
			Class<?> type = Class.forName(INTERNAL_FILTER, false, classLoader);
			Object value = type.getMethod(factory).invoke(null);
			Method set = Class.forName(INTERNAL_UTIL, false, classLoader)
				.getMethod("setExemplarFilter", SdkMeterProviderBuilder.class, type);
			set.invoke(null, builder, value);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("This OpenTelemetry SDK offers no way to set the exemplar filter", ex);
		}
	}

}
