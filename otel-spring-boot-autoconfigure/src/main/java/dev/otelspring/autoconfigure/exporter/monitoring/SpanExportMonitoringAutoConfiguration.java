package dev.otelspring.autoconfigure.exporter.monitoring;

import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes {@link SpanExportStatistics}: as an Actuator health indicator named
 * {@code otelSpanExport} when Spring Boot Actuator is present (whichever line of Spring Boot provides
 * it), and as the Micrometer counter {@code otel.spring.export.spans} tagged
 * {@code outcome=exported|failed|dropped} when Micrometer is present.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnBean(SpanExportStatistics.class)
@EnableConfigurationProperties(SpanExportHealthProperties.class)
public final class SpanExportMonitoringAutoConfiguration {

	/** Spring Boot 3: {@code org.springframework.boot.actuate.health}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
	@ConditionalOnProperty(name = "otel.spring.export.health.enabled", matchIfMissing = true)
	static class Boot3HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelSpanExportHealthIndicator")
		org.springframework.boot.actuate.health.HealthIndicator otelSpanExportHealthIndicator(
				SpanExportStatistics statistics, SpanExportHealthProperties properties) {
			return () -> org.springframework.boot.actuate.health.Health
				.status(SpanExportHealth.status(statistics, properties))
				.withDetails(SpanExportHealth.details(statistics))
				.build();
		}

	}

	/** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnProperty(name = "otel.spring.export.health.enabled", matchIfMissing = true)
	static class Boot4HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otelSpanExportHealthIndicator")
		org.springframework.boot.health.contributor.HealthIndicator otelSpanExportHealthIndicator(
				SpanExportStatistics statistics, SpanExportHealthProperties properties) {
			return () -> org.springframework.boot.health.contributor.Health
				.status(SpanExportHealth.status(statistics, properties))
				.withDetails(SpanExportHealth.details(statistics))
				.build();
		}

	}

	/**
	 * Masks exporter credentials (headers, TLS key paths) in the Actuator's env and configprops output,
	 * even where the application shows values.
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
				java.util.function.ToLongFunction<SpanExportStatistics> count) {
			FunctionCounter.builder("otel.spring.export.spans", statistics, (stats) -> count.applyAsLong(stats))
				.description("Spans this application tried to export, by outcome")
				.baseUnit("spans")
				.tag("outcome", outcome)
				.register(registry);
		}

	}

}
