package dev.otelspring.autoconfigure.micrometer;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledInstrumentation;
import dev.otelspring.autoconfigure.config.InstrumentationSwitches;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the Micrometer bridge: an {@link OpenTelemetryMeterRegistry} (the
 * official {@code opentelemetry-micrometer-1.5} library) among the application's meter
 * registries, so that every Micrometer meter (Actuator's {@code http.server.requests},
 * {@code jvm.*}, the application's own) is exported through the starter's metrics
 * pipeline. Off unless {@code otel.instrumentation.micrometer.enabled=true}, the official
 * starter's key and default. The bridge needs OpenTelemetry's incubating API at the API's
 * own version, which the starter cannot choose for the application; without it, startup
 * stops with a report that says what to add.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class,
		beforeName = { MicrometerMetricsBridgeAutoConfiguration.BOOT3_COMPOSITE,
				MicrometerMetricsBridgeAutoConfiguration.BOOT4_COMPOSITE,
				MicrometerMetricsBridgeAutoConfiguration.BOOT3_SIMPLE,
				MicrometerMetricsBridgeAutoConfiguration.BOOT4_SIMPLE })
@ConditionalOnClass({ MeterRegistry.class, OpenTelemetryMeterRegistry.class, OpenTelemetry.class })
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnEnabledInstrumentation(value = MicrometerMetricsBridgeAutoConfiguration.INSTRUMENTATION,
		enabledByDefault = false)
public final class MicrometerMetricsBridgeAutoConfiguration {

	static final String BOOT3_COMPOSITE = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration";

	static final String BOOT4_COMPOSITE = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration";

	static final String BOOT3_SIMPLE = "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration";

	static final String BOOT4_SIMPLE = "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration";

	static final String INSTRUMENTATION = "micrometer";

	private static final String INCUBATOR = "io.opentelemetry.api.incubator.ExtendedOpenTelemetry";

	/** The OpenTelemetry API the bridge is built against, and needs at least. */
	static final int[] MINIMUM_API = { 1, 65 };

	@Bean
	@ConditionalOnMissingBean(OpenTelemetryMeterRegistry.class)
	MeterRegistry otelMeterRegistry(OpenTelemetry openTelemetry, ObjectProvider<Clock> clock,
			ResourceLoader resourceLoader) {
		if (!isSupported(resourceLoader.getClassLoader())) {
			// The bridge reads its settings through the incubating API, and calls API
			// methods older versions lack: it would fail on first use.
			throw new InvalidOtelPropertyException(InstrumentationSwitches.key(INSTRUMENTATION), "true",
					"false; or true with OpenTelemetry " + MINIMUM_API[0] + "." + MINIMUM_API[1]
							+ " or later (this application has " + apiVersion()
							+ ") and io.opentelemetry:opentelemetry-api-incubator at the same version with -alpha on "
							+ "the class path, which OpenTelemetry's Micrometer bridge needs");
		}
		return OpenTelemetryMeterRegistry.builder(openTelemetry)
			.setClock(clock.getIfAvailable(() -> Clock.SYSTEM))
			.build();
	}

	/**
	 * Returns whether the OpenTelemetry API on the class path can run the bridge: recent
	 * enough, with its incubating API.
	 * @param classLoader the application's class loader
	 * @return whether the bridge can run
	 */
	static boolean isSupported(ClassLoader classLoader) {
		if (!ClassUtils.isPresent(INCUBATOR, classLoader)) {
			return false;
		}
		String[] parts = apiVersion().split("[.-]");
		try {
			int major = Integer.parseInt(parts[0]);
			int minor = (parts.length > 1) ? Integer.parseInt(parts[1]) : 0;
			return major > MINIMUM_API[0] || (major == MINIMUM_API[0] && minor >= MINIMUM_API[1]);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String apiVersion() {
		String version = OpenTelemetry.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "an unknown version";
	}

}
