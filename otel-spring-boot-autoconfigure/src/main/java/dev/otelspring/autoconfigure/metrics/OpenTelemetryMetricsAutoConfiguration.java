package dev.otelspring.autoconfigure.metrics;

import java.util.List;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.MetricsSettings;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.CardinalityLimitSelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OpenTelemetry metrics SDK: an {@link SdkMeterProvider} on the
 * traces' {@link Resource}, with a {@link PeriodicMetricReader} over every
 * {@link MetricExporter} bean (collected every {@code otel.metric.export.interval}),
 * every {@link MetricReader} bean, the cardinality limit and the exemplar filter from the
 * standard keys, then the {@link SdkMeterProviderBuilderCustomizer}s.
 *
 * <p>
 * With no exporter and no reader ({@code otel.metrics.exporter=none}) there is no meter
 * provider: instruments are no-ops and the instrumentations skip their metrics work. The
 * application's own {@link SdkMeterProvider} bean wins. The provider is shut down, with a
 * last collection, by the SDK's shutdown under {@code otel.spring.shutdown.timeout}.
 */
@AutoConfiguration(before = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, SdkMeterProvider.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
public final class OpenTelemetryMetricsAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	MetricsSettings otelMetricsSettings(Environment environment) {
		return MetricsSettings.from(environment);
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	@Conditional(OnMetricExporterOrReader.class)
	SdkMeterProvider otelSdkMeterProvider(Resource resource, MetricsSettings settings,
			ObjectProvider<MetricExporter> exporters, ObjectProvider<MetricExporterDecorator> decorators,
			ObjectProvider<MetricReader> readers, ObjectProvider<SdkMeterProviderBuilderCustomizer> customizers) {
		SdkMeterProviderBuilder builder = SdkMeterProvider.builder().setResource(resource);
		int limit = settings.cardinalityLimit();
		CardinalityLimitSelector cardinality = (instrumentType) -> limit;
		List<MetricExporterDecorator> orderedDecorators = decorators.orderedStream().toList();
		exporters.orderedStream().forEach((exporter) -> {
			MetricExporter decorated = exporter;
			for (MetricExporterDecorator decorator : orderedDecorators) {
				decorated = decorator.decorate(decorated);
			}
			builder.registerMetricReader(
					PeriodicMetricReader.builder(decorated).setInterval(settings.exportInterval()).build(),
					cardinality);
		});
		readers.orderedStream().forEach((reader) -> builder.registerMetricReader(reader, cardinality));
		ExemplarFilters.apply(builder, settings.exemplarFilter());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** A metric exporter or a metric reader to read through. */
	static final class OnMetricExporterOrReader extends AnyNestedCondition {

		OnMetricExporterOrReader() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(MetricExporter.class)
		static final class Exporter {

		}

		@ConditionalOnBean(MetricReader.class)
		static final class Reader {

		}

	}

}
