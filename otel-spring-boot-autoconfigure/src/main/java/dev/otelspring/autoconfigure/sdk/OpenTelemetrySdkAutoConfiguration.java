package dev.otelspring.autoconfigure.sdk;

import java.time.Duration;
import java.util.List;

import dev.otelspring.autoconfigure.config.OtelProperties;
import dev.otelspring.autoconfigure.exporter.monitoring.MonitoredSpanExporter;
import dev.otelspring.autoconfigure.exporter.monitoring.SpanExportStatistics;
import dev.otelspring.autoconfigure.sampling.SamplerFactory;
import dev.otelspring.autoconfigure.sampling.TailSampling;
import dev.otelspring.autoconfigure.sampling.TailSamplingSpanProcessor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OpenTelemetry SDK for tracing: {@link Resource}, {@link Sampler},
 * {@link SpanLimits}, {@link ContextPropagators}, a {@link BatchSpanProcessor} over every
 * {@link SpanExporter} bean, the {@link SdkTracerProvider} and the {@link OpenTelemetry} bean, all
 * from the standard {@code otel.*} properties.
 *
 * <p>The application's own beans win: an {@link OpenTelemetry} bean is used as is and none of the SDK
 * is built; a {@link Resource}, {@link Sampler}, {@link SpanLimits}, {@link ContextPropagators} or
 * {@link BatchSpanProcessor} bean replaces ours; {@link TextMapPropagator} beans replace the
 * propagators named by {@code otel.propagators}; other {@link SpanProcessor} beans are added.
 *
 * <p>With {@code otel.sdk.disabled=true} a no-op {@link OpenTelemetry} is published, no thread is
 * started, and one INFO line says so.
 */
@AutoConfiguration
@ConditionalOnClass({ OpenTelemetry.class, OpenTelemetrySdk.class })
public final class OpenTelemetrySdkAutoConfiguration {

	private static final Log logger = LogFactory.getLog(OpenTelemetrySdkAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "otel.sdk.disabled", havingValue = "true")
	static class DisabledConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenTelemetry openTelemetry() {
			logger.info("OpenTelemetry is disabled (otel.sdk.disabled=true): no spans are recorded or exported.");
			return OpenTelemetry.noop();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledOpenTelemetry
	@ConditionalOnMissingBean(OpenTelemetry.class)
	static class SdkConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Resource otelResource(Environment environment, ObjectProvider<BuildProperties> buildProperties) {
			BuildProperties build = buildProperties.getIfAvailable();
			return ResourceFactory.create(new OtelProperties(environment),
					environment.getProperty("spring.application.name"), (build != null) ? build.getVersion() : null);
		}

		@Bean
		@ConditionalOnMissingBean
		Sampler otelSampler(Environment environment) {
			return SamplerFactory.create(new OtelProperties(environment));
		}

		@Bean
		@ConditionalOnMissingBean
		SpanLimits otelSpanLimits(Environment environment) {
			return SpanLimitsFactory.create(new OtelProperties(environment));
		}

		@Bean
		@ConditionalOnMissingBean
		ContextPropagators otelContextPropagators(Environment environment,
				ObjectProvider<TextMapPropagator> propagators) {
			List<TextMapPropagator> userPropagators = propagators.orderedStream().toList();
			if (!userPropagators.isEmpty()) {
				return ContextPropagators.create(TextMapPropagator.composite(userPropagators));
			}
			return PropagatorsFactory.create(new OtelProperties(environment));
		}

		@Bean
		@ConditionalOnMissingBean
		SpanExportStatistics otelSpanExportStatistics() {
			return new SpanExportStatistics();
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		@ConditionalOnBean(SpanExporter.class)
		BatchSpanProcessor otelBatchSpanProcessor(Environment environment, ObjectProvider<SpanExporter> exporters,
				SpanExportStatistics statistics, ObjectProvider<BatchSpanProcessorBuilderCustomizer> customizers) {
			SpanExporter exporter = new MonitoredSpanExporter(SpanExporter.composite(exporters.orderedStream().toList()),
					statistics);
			BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(exporter)
				.setMeterProvider(statistics.dropCountingMeterProvider());
			BatchSpanProcessorSettings.apply(new OtelProperties(environment), builder);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		@ConditionalOnBean(BatchSpanProcessor.class)
		@ConditionalOnProperty(name = "otel.spring.sampling.tail.enabled", havingValue = "true")
		TailSamplingSpanProcessor otelTailSamplingSpanProcessor(Environment environment,
				BatchSpanProcessor batchSpanProcessor) {
			return TailSampling.create(new OtelProperties(environment), batchSpanProcessor);
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		SdkTracerProvider otelSdkTracerProvider(Resource resource, Sampler sampler, SpanLimits spanLimits,
				ObjectProvider<SpanProcessor> spanProcessors, ObjectProvider<TailSamplingSpanProcessor> tailSampling,
				ObjectProvider<SdkTracerProviderBuilderCustomizer> customizers) {
			SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
				.setResource(resource)
				.setSampler(sampler)
				.setSpanLimits(spanLimits);
			// With tail sampling, the batch processor sees only what it keeps.
			TailSamplingSpanProcessor tail = tailSampling.getIfAvailable();
			spanProcessors.orderedStream()
				.filter((processor) -> tail == null || processor != tail.getDownstream())
				.forEach(builder::addSpanProcessor);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		SdkShutdown otelSdkShutdown(SdkTracerProvider tracerProvider, Environment environment,
				SpanExportStatistics statistics) {
			Duration timeout = new OtelProperties(environment).getDuration(SdkShutdown.TIMEOUT_PROPERTY,
					SdkShutdown.DEFAULT_TIMEOUT);
			return new SdkShutdown(tracerProvider, timeout, statistics);
		}

		@Bean(destroyMethod = "")
		OpenTelemetrySdk openTelemetry(SdkTracerProvider tracerProvider, ContextPropagators propagators) {
			return OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).setPropagators(propagators).build();
		}

	}

}
