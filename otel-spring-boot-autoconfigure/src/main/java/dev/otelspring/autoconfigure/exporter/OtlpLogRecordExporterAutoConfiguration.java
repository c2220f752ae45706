package dev.otelspring.autoconfigure.exporter;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnLogsExporter;
import dev.otelspring.autoconfigure.config.ConditionalOnOtlpProtocol;
import dev.otelspring.autoconfigure.config.ExporterRetryProperties;
import dev.otelspring.autoconfigure.config.LogsExporterType;
import dev.otelspring.autoconfigure.config.OtlpExporterSettings;
import dev.otelspring.autoconfigure.config.OtlpProtocol;
import dev.otelspring.autoconfigure.config.OtlpSignal;
import dev.otelspring.autoconfigure.logs.OpenTelemetryLogsAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OTLP log record exporter, over {@code http/protobuf} (through
 * the JDK's HttpClient, on the span exporter's daemon threads) or {@code grpc}, from the
 * standard {@code otel.exporter.otlp.*} settings, read from their
 * {@code otel.exporter.otlp.logs.*} forms first.
 *
 * <p>
 * Backs off when the application defines its own exporter of the same type, or its own
 * {@link OpenTelemetry}. The exporter is shut down by the logger provider that owns it.
 */
@AutoConfiguration(before = OpenTelemetryLogsAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, OtlpHttpLogRecordExporter.class, SdkLoggerProvider.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnLogsExporter(LogsExporterType.OTLP)
public final class OtlpLogRecordExporterAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnOtlpProtocol(value = OtlpProtocol.HTTP_PROTOBUF, signal = OtlpSignal.LOGS)
	@Import(OtlpExportThreadsConfiguration.class)
	static class HttpProtobufConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpHttpLogRecordExporter otlpHttpLogRecordExporter(Environment environment,
				ObjectProvider<OtlpHttpLogRecordExporterBuilderCustomizer> customizers, OtlpExportThreads threads) {
			OtlpExporterSettings settings = OtlpExporterSettings.from(environment, OtlpSignal.LOGS);
			ExporterRetryProperties retry = ExporterRetryProperties.from(environment);
			OtlpHttpLogRecordExporterBuilder builder = OtlpHttpLogRecordExporter.builder();
			return OtlpExporterBuilders.http(settings, retry, threads, builder,
					new OtlpExporterBuilders.Setters(builder::setEndpoint, builder::addHeader, builder::setTimeout,
							builder::setCompression, builder::setTrustedCertificates, builder::setClientTls,
							builder::setRetryPolicy),
					builder::setExecutorService, builder::setServiceClassLoader,
					(it) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(it)),
					OtlpHttpLogRecordExporterBuilder::build);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnOtlpProtocol(value = OtlpProtocol.GRPC, signal = OtlpSignal.LOGS)
	static class GrpcConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpGrpcLogRecordExporter otlpGrpcLogRecordExporter(Environment environment,
				ObjectProvider<OtlpGrpcLogRecordExporterBuilderCustomizer> customizers) {
			OtlpExporterSettings settings = OtlpExporterSettings.from(environment, OtlpSignal.LOGS);
			ExporterRetryProperties retry = ExporterRetryProperties.from(environment);
			OtlpGrpcLogRecordExporterBuilder builder = OtlpGrpcLogRecordExporter.builder();
			return OtlpExporterBuilders.grpc(settings, retry, builder,
					new OtlpExporterBuilders.Setters(builder::setEndpoint, builder::addHeader, builder::setTimeout,
							builder::setCompression, builder::setTrustedCertificates, builder::setClientTls,
							builder::setRetryPolicy),
					(it) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(it)),
					OtlpGrpcLogRecordExporterBuilder::build);
		}

	}

}
