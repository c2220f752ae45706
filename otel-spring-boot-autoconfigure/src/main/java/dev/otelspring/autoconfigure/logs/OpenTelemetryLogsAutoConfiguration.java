package dev.otelspring.autoconfigure.logs;

import java.util.List;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.LogsSettings;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.SpringBootOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
 * Auto-configuration of the OpenTelemetry logs SDK: an {@link SdkLoggerProvider} on the
 * traces' {@link Resource}, with a {@link BatchLogRecordProcessor} (the
 * {@code otel.blrp.*} settings) over every {@link LogRecordExporter} bean, every other
 * {@link LogRecordProcessor} bean, then the {@link SdkLoggerProviderBuilderCustomizer}s.
 *
 * <p>
 * With no exporter and no processor ({@code otel.logs.exporter=none}) there is no logger
 * provider, and the appender is not attached. The application's own
 * {@link SdkLoggerProvider} wins; Spring Boot's logging auto-configurations back off. The
 * provider is shut down by the SDK's shutdown.
 */
@AutoConfiguration(before = OpenTelemetrySdkAutoConfiguration.class,
		beforeName = { SpringBootOpenTelemetry.BOOT3_LOGGING, SpringBootOpenTelemetry.BOOT4_LOGGING,
				SpringBootOpenTelemetry.BOOT4_OTLP_LOGGING })
@ConditionalOnClass({ OpenTelemetry.class, SdkLoggerProvider.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
public final class OpenTelemetryLogsAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	LogsSettings otelLogsSettings(Environment environment) {
		return LogsSettings.from(environment);
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	@ConditionalOnBean(LogRecordExporter.class)
	BatchLogRecordProcessor otelBatchLogRecordProcessor(LogsSettings settings,
			ObjectProvider<LogRecordExporter> exporters, ObjectProvider<LogRecordExporterDecorator> decorators,
			ConfigurableListableBeanFactory beanFactory) {
		LogRecordExporter exporter = LogRecordExporter
			.composite(SpringBootOpenTelemetry.withoutBootsOwn(beanFactory, exporters, LogRecordExporter.class));
		for (LogRecordExporterDecorator decorator : decorators.orderedStream().toList()) {
			exporter = decorator.decorate(exporter);
		}
		return BatchLogRecordProcessor.builder(exporter)
			.setScheduleDelay(settings.scheduleDelay())
			.setMaxQueueSize(settings.maxQueueSize())
			.setMaxExportBatchSize(settings.maxExportBatchSize())
			.setExporterTimeout(settings.exportTimeout())
			.build();
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	@Conditional(OnLogRecordProcessor.class)
	SdkLoggerProvider otelSdkLoggerProvider(Resource resource, ObjectProvider<LogRecordProcessor> processors,
			ObjectProvider<SdkLoggerProviderBuilderCustomizer> customizers,
			ConfigurableListableBeanFactory beanFactory) {
		SdkLoggerProviderBuilder builder = SdkLoggerProvider.builder().setResource(resource);
		List<LogRecordProcessor> ours = SpringBootOpenTelemetry.withoutBootsOwn(beanFactory, processors,
				LogRecordProcessor.class);
		ours.forEach(builder::addLogRecordProcessor);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** A log record exporter or processor to feed. */
	static final class OnLogRecordProcessor extends AnyNestedCondition {

		OnLogRecordProcessor() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(LogRecordExporter.class)
		static final class Exporter {

		}

		@ConditionalOnBean(LogRecordProcessor.class)
		static final class Processor {

		}

	}

}
