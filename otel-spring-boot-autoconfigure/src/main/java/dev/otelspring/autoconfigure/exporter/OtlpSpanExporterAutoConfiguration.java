package dev.otelspring.autoconfigure.exporter;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnOtlpProtocol;
import dev.otelspring.autoconfigure.config.ConditionalOnTracesExporter;
import dev.otelspring.autoconfigure.config.ExporterRetryProperties;
import dev.otelspring.autoconfigure.config.OtlpExporterSettings;
import dev.otelspring.autoconfigure.config.OtlpProtocol;
import dev.otelspring.autoconfigure.config.TracesExporterType;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OTLP span exporter, over {@code http/protobuf} (the default,
 * through the JDK's HttpClient, which {@link JdkHttpSenderClassLoader} selects) or
 * {@code grpc} (through OkHttp), from the standard {@code otel.exporter.otlp.*} settings.
 *
 * <p>
 * Backs off when the application defines its own exporter of the same type, or its own
 * {@link OpenTelemetry}. The exporter is shut down by the tracer provider that owns it,
 * not by the context. Over HTTP it sends on the daemon threads of
 * {@link OtlpExportThreads}; a customizer that sets its own executor replaces them.
 */
@AutoConfiguration(before = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, OtlpHttpSpanExporter.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnTracesExporter(TracesExporterType.OTLP)
public final class OtlpSpanExporterAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	OtlpExporterSettings otelOtlpExporterSettings(Environment environment) {
		return OtlpExporterSettings.from(environment);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	ExporterRetryProperties otelExporterRetryProperties(Environment environment) {
		return ExporterRetryProperties.from(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnOtlpProtocol(OtlpProtocol.HTTP_PROTOBUF)
	static class HttpProtobufConfiguration {

		@Bean
		@ConditionalOnMissingBean({ OtlpHttpSpanExporter.class, OtlpExportThreads.class })
		OtlpExportThreads otelOtlpExportThreads() {
			return new OtlpExportThreads();
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpHttpSpanExporter otlpHttpSpanExporter(OtlpExporterSettings settings, ExporterRetryProperties retry,
				ObjectProvider<OtlpHttpSpanExporterBuilderCustomizer> customizers, OtlpExportThreads threads) {
			OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder();
			return OtlpExporterBuilders.http(settings, retry, threads, builder,
					new OtlpExporterBuilders.Setters(builder::setEndpoint, builder::addHeader, builder::setTimeout,
							builder::setCompression, builder::setTrustedCertificates, builder::setClientTls,
							builder::setRetryPolicy),
					builder::setExecutorService, builder::setServiceClassLoader,
					(it) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(it)),
					OtlpHttpSpanExporterBuilder::build);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnOtlpProtocol(OtlpProtocol.GRPC)
	static class GrpcConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpGrpcSpanExporter otlpGrpcSpanExporter(OtlpExporterSettings settings, ExporterRetryProperties retry,
				ObjectProvider<OtlpGrpcSpanExporterBuilderCustomizer> customizers) {
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder();
			return OtlpExporterBuilders.grpc(settings, retry, builder,
					new OtlpExporterBuilders.Setters(builder::setEndpoint, builder::addHeader, builder::setTimeout,
							builder::setCompression, builder::setTrustedCertificates, builder::setClientTls,
							builder::setRetryPolicy),
					(it) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(it)),
					OtlpGrpcSpanExporterBuilder::build);
		}

	}

}
