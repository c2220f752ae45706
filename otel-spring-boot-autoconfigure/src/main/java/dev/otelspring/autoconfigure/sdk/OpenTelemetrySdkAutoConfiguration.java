package dev.otelspring.autoconfigure.sdk;

import java.util.List;

import dev.otelspring.autoconfigure.config.BatchSettings;
import dev.otelspring.autoconfigure.config.ConditionalOnDisabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.OverlappingManagementKeys;
import dev.otelspring.autoconfigure.config.PropagationSettings;
import dev.otelspring.autoconfigure.config.ResourceSettings;
import dev.otelspring.autoconfigure.config.SdkShutdownSettings;
import dev.otelspring.autoconfigure.config.SpanLimitsSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
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
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OpenTelemetry SDK for tracing: {@link Resource},
 * {@link SpanLimits}, {@link ContextPropagators}, a {@link BatchSpanProcessor} over every
 * {@link SpanExporter} bean, the {@link SdkTracerProvider} and the {@link OpenTelemetry}
 * bean, from the standard {@code otel.*} settings. The {@link SdkMeterProvider} and the
 * {@link SdkLoggerProvider}, when the metrics and logs auto-configurations made them,
 * join the same {@link OpenTelemetry} and shutdown.
 *
 * <p>
 * It composes what other auto-configurations and the application contribute as beans: the
 * {@link Sampler} (parent-based always-on when there is none), {@link SpanProcessor}s (a
 * {@link DelegatingSpanProcessor} in place of its delegate),
 * {@link SpanExporterDecorator}s around the exporters, {@link SdkShutdownListener}s, and
 * the builder customizers, which have the last word.
 *
 * <p>
 * The application's own beans win: an {@link OpenTelemetry} bean is used as is and none
 * of the SDK is built; a {@link Resource}, {@link SpanLimits}, {@link ContextPropagators}
 * or {@link BatchSpanProcessor} bean replaces ours; {@link TextMapPropagator} beans
 * replace the configured propagators. It runs before Spring Boot's own OpenTelemetry
 * auto-configurations, which then back off; the propagators and exporters those declare
 * anyway are left out ({@link SpringBootOpenTelemetry}).
 *
 * <p>
 * With {@code otel.sdk.disabled=true} a no-op {@link OpenTelemetry} is published, no
 * thread is started, and one INFO line says so.
 */
@AutoConfiguration(beforeName = { SpringBootOpenTelemetry.BOOT3_SDK, SpringBootOpenTelemetry.BOOT3_TRACING,
		SpringBootOpenTelemetry.BOOT3_OTLP, SpringBootOpenTelemetry.BOOT4_SDK, SpringBootOpenTelemetry.BOOT4_TRACING,
		SpringBootOpenTelemetry.BOOT4_OTLP })
@ConditionalOnClass({ OpenTelemetry.class, OpenTelemetrySdk.class })
public final class OpenTelemetrySdkAutoConfiguration {

	private static final Log logger = LogFactory.getLog(OpenTelemetrySdkAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDisabledOpenTelemetry
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
		@Lazy
		@ConditionalOnMissingBean
		ResourceSettings otelResourceSettings(Environment environment) {
			return ResourceSettings.from(environment);
		}

		@Bean
		@ConditionalOnMissingBean
		Resource otelResource(ResourceSettings settings, ObjectProvider<BuildProperties> buildProperties) {
			BuildProperties build = buildProperties.getIfAvailable();
			return ResourceFactory.create(settings, (build != null) ? build.getVersion() : null);
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		SpanLimitsSettings otelSpanLimitsSettings(Environment environment) {
			return SpanLimitsSettings.from(environment);
		}

		@Bean
		@ConditionalOnMissingBean
		SpanLimits otelSpanLimits(SpanLimitsSettings settings) {
			return SpanLimits.builder()
				.setMaxNumberOfAttributes(settings.maxNumberOfAttributes())
				.setMaxAttributeValueLength(settings.maxAttributeValueLength())
				.setMaxNumberOfEvents(settings.maxNumberOfEvents())
				.setMaxNumberOfLinks(settings.maxNumberOfLinks())
				.setMaxNumberOfAttributesPerEvent(settings.maxNumberOfAttributesPerEvent())
				.setMaxNumberOfAttributesPerLink(settings.maxNumberOfAttributesPerLink())
				.build();
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		PropagationSettings otelPropagationSettings(Environment environment) {
			return PropagationSettings.from(environment);
		}

		@Bean
		@ConditionalOnMissingBean
		ContextPropagators otelContextPropagators(ObjectProvider<PropagationSettings> settings,
				ObjectProvider<TextMapPropagator> propagators, ConfigurableListableBeanFactory beanFactory) {
			List<TextMapPropagator> userPropagators = SpringBootOpenTelemetry.withoutBootsOwn(beanFactory, propagators,
					TextMapPropagator.class);
			if (!userPropagators.isEmpty()) {
				return ContextPropagators.create(TextMapPropagator.composite(userPropagators));
			}
			return PropagatorsFactory.create(settings.getObject());
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		BatchSettings otelBatchSettings(Environment environment) {
			return BatchSettings.from(environment);
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		@ConditionalOnBean(SpanExporter.class)
		BatchSpanProcessor otelBatchSpanProcessor(BatchSettings settings, ObjectProvider<SpanExporter> exporters,
				ObjectProvider<SpanExporterDecorator> decorators,
				ObjectProvider<BatchSpanProcessorBuilderCustomizer> customizers,
				ConfigurableListableBeanFactory beanFactory) {
			SpanExporter exporter = SpanExporter
				.composite(SpringBootOpenTelemetry.withoutBootsOwn(beanFactory, exporters, SpanExporter.class));
			for (SpanExporterDecorator decorator : decorators.orderedStream().toList()) {
				exporter = decorator.decorate(exporter);
			}
			BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(exporter)
				.setScheduleDelay(settings.scheduleDelay())
				.setMaxQueueSize(settings.maxQueueSize())
				.setMaxExportBatchSize(settings.maxExportBatchSize())
				.setExporterTimeout(settings.exportTimeout());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		SdkTracerProvider otelSdkTracerProvider(Resource resource, ObjectProvider<Sampler> sampler,
				SpanLimits spanLimits, ObjectProvider<SpanProcessor> spanProcessors,
				ObjectProvider<SdkTracerProviderBuilderCustomizer> customizers) {
			SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
				.setResource(resource)
				.setSampler(sampler.getIfAvailable(() -> Sampler.parentBased(Sampler.alwaysOn())))
				.setSpanLimits(spanLimits);
			List<SpanProcessor> processors = spanProcessors.orderedStream().toList();
			List<SpanProcessor> delegates = processors.stream()
				.filter(DelegatingSpanProcessor.class::isInstance)
				.map((processor) -> ((DelegatingSpanProcessor) processor).getDelegate())
				.toList();
			processors.stream()
				.filter((processor) -> delegates.stream().noneMatch((delegate) -> delegate == processor))
				.forEach(builder::addSpanProcessor);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		SdkShutdownSettings otelSdkShutdownSettings(Environment environment) {
			return SdkShutdownSettings.from(environment);
		}

		@Bean
		@ConditionalOnMissingBean
		SdkShutdown otelSdkShutdown(SdkTracerProvider tracerProvider, ObjectProvider<SdkMeterProvider> meterProvider,
				ObjectProvider<SdkLoggerProvider> loggerProvider, SdkShutdownSettings settings,
				ObjectProvider<SdkShutdownListener> listeners, ConfigurableListableBeanFactory beanFactory) {
			return new SdkShutdown(tracerProvider, meterProvider.getIfAvailable(),
					loggerProvider(beanFactory, loggerProvider), settings.timeout(),
					listeners.orderedStream().toList());
		}

		/**
		 * Returns the logger provider to use: the application's or ours, not the one
		 * Spring Boot 3.5's Actuator declares whenever the logs SDK is on the class path
		 * (with {@code otel.logs.exporter=none} it would take every log line to no
		 * exporter).
		 * @param beanFactory the bean factory
		 * @param loggerProviders the logger providers
		 * @return the logger provider, or {@code null}
		 */
		private static SdkLoggerProvider loggerProvider(ConfigurableListableBeanFactory beanFactory,
				ObjectProvider<SdkLoggerProvider> loggerProviders) {
			List<SdkLoggerProvider> providers = SpringBootOpenTelemetry.withoutBootsOwn(beanFactory, loggerProviders,
					SdkLoggerProvider.class);
			return providers.isEmpty() ? null : providers.get(0);
		}

		@Bean
		static OverlappingKeysReport otelOverlappingKeysReport(Environment environment) {
			return new OverlappingKeysReport(OverlappingManagementKeys.find(environment));
		}

		@Bean(destroyMethod = "")
		OpenTelemetrySdk openTelemetry(SdkTracerProvider tracerProvider, ObjectProvider<SdkMeterProvider> meterProvider,
				ObjectProvider<SdkLoggerProvider> loggerProvider, ContextPropagators propagators,
				ConfigurableListableBeanFactory beanFactory) {
			OpenTelemetrySdkBuilder builder = OpenTelemetrySdk.builder()
				.setTracerProvider(tracerProvider)
				.setPropagators(propagators);
			meterProvider.ifAvailable(builder::setMeterProvider);
			SdkLoggerProvider logs = loggerProvider(beanFactory, loggerProvider);
			if (logs != null) {
				builder.setLoggerProvider(logs);
			}
			return builder.build();
		}

	}

}
