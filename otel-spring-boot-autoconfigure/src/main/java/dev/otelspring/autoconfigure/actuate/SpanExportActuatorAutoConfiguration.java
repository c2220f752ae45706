package dev.otelspring.autoconfigure.actuate;

import java.util.function.ToLongFunction;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledFeature;
import dev.otelspring.autoconfigure.config.ExportHealthProperties;
import dev.otelspring.autoconfigure.config.SecretKeys;
import dev.otelspring.autoconfigure.config.StarterFeature;
import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatistics;
import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatisticsAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Publishes {@link SpanExportStatistics} through Spring Boot Actuator and Micrometer: a
 * health indicator named {@code otelSpanExport} (whichever line of Spring Boot provides
 * the health API), the Micrometer counter {@code otel.spring.export.spans} tagged
 * {@code outcome=exported|failed|dropped}, and the masking of exporter credentials in the
 * Actuator's {@code env} and {@code configprops} output.
 */
@AutoConfiguration(after = { OpenTelemetrySdkAutoConfiguration.class, SpanExportStatisticsAutoConfiguration.class })
public final class SpanExportActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(SpanExportStatistics.class)
	@ConditionalOnEnabledFeature(StarterFeature.EXPORT_HEALTH)
	static class HealthSettingsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExportHealthProperties otelExportHealthProperties(Environment environment) {
			return ExportHealthProperties.from(environment);
		}

	}

	/** Spring Boot 3: {@code org.springframework.boot.actuate.health}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
	@ConditionalOnBean(SpanExportStatistics.class)
	@ConditionalOnEnabledFeature(StarterFeature.EXPORT_HEALTH)
	static class Boot3HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelSpanExportHealthIndicator")
		org.springframework.boot.actuate.health.HealthIndicator otelSpanExportHealthIndicator(
				SpanExportStatistics statistics, ExportHealthProperties properties) {
			return () -> org.springframework.boot.actuate.health.Health
				.status(SpanExportHealth.status(statistics, properties))
				.withDetails(SpanExportHealth.details(statistics))
				.build();
		}

	}

	/** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnBean(SpanExportStatistics.class)
	@ConditionalOnEnabledFeature(StarterFeature.EXPORT_HEALTH)
	static class Boot4HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelSpanExportHealthIndicator")
		org.springframework.boot.health.contributor.HealthIndicator otelSpanExportHealthIndicator(
				SpanExportStatistics statistics, ExportHealthProperties properties) {
			return () -> org.springframework.boot.health.contributor.Health
				.status(SpanExportHealth.status(statistics, properties))
				.withDetails(SpanExportHealth.details(statistics))
				.build();
		}

	}

	/**
	 * Masks exporter credentials (headers, TLS key paths) in the Actuator's env and
	 * configprops output, even where the application shows values.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelExporterSanitizingFunction")
		org.springframework.boot.actuate.endpoint.SanitizingFunction otelExporterSanitizingFunction() {
			return (data) -> SecretKeys.isSecret(data.getKey()) ? data.withValue("******") : data;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterBinder.class, MeterRegistry.class })
	@ConditionalOnBean(SpanExportStatistics.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelSpanExportMeterBinder")
		MeterBinder otelSpanExportMeterBinder(SpanExportStatistics statistics) {
			return (registry) -> {
				counter(registry, statistics, "exported", SpanExportStatistics::getExported);
				counter(registry, statistics, "failed", SpanExportStatistics::getFailed);
				counter(registry, statistics, "dropped", SpanExportStatistics::getDropped);
			};
		}

		private static void counter(MeterRegistry registry, SpanExportStatistics statistics, String outcome,
				ToLongFunction<SpanExportStatistics> count) {
			FunctionCounter.builder("otel.spring.export.spans", statistics, (stats) -> count.applyAsLong(stats))
				.description("Spans this application tried to export, by outcome")
				.baseUnit("spans")
				.tag("outcome", outcome)
				.register(registry);
		}

	}

}
