package dev.otelspring.autoconfigure.exporter;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.ConditionalOnOtlpProtocol;
import dev.otelspring.autoconfigure.config.ConditionalOnTracesExporter;
import dev.otelspring.autoconfigure.config.ExporterRetryProperties;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtlpExporterSettings;
import dev.otelspring.autoconfigure.config.OtlpProtocol;
import dev.otelspring.autoconfigure.config.TracesExporterType;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.RetryPolicy;

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

	/**
	 * Applies the settings through the setters both OTLP exporter builders have; they
	 * share no interface.
	 * @param settings the settings
	 * @param endpoint the endpoint
	 * @param header the header
	 * @param timeout the timeout
	 * @param compression the compression
	 * @param trustedCertificates the trusted certificates
	 * @param clientTls the client tls
	 */
	static void apply(OtlpExporterSettings settings, Consumer<String> endpoint, BiConsumer<String, String> header,
			Consumer<Duration> timeout, Consumer<String> compression, Consumer<byte[]> trustedCertificates,
			BiConsumer<byte[], byte[]> clientTls) {
		endpoint.accept(settings.getEndpoint());
		timeout.accept(settings.getTimeout());
		settings.getHeaders().forEach(header);
		if (settings.getCompression() != null) {
			compression.accept(settings.getCompression().value());
		}
		if (settings.getTrustedCertificates() != null) {
			trustedCertificates.accept(settings.getTrustedCertificates());
		}
		if (settings.getClientKey() != null) {
			clientTls.accept(settings.getClientKey(), settings.getClientCertificate());
		}
	}

	/**
	 * Returns the SDK retry policy the settings describe, or {@code null} for no retry.
	 * @param retry the retry
	 * @return the retry policy
	 */
	static RetryPolicy retryPolicy(ExporterRetryProperties retry) {
		if (!retry.enabled()) {
			return null;
		}
		return RetryPolicy.builder()
			.setMaxAttempts(retry.maxAttempts())
			.setInitialBackoff(retry.initialBackoff())
			.setMaxBackoff(retry.maxBackoff())
			.setBackoffMultiplier(retry.backoffMultiplier())
			.build();
	}

	/**
	 * Builds the exporter, turning the SDK's own complaints (a PEM file it cannot parse,
	 * no gRPC transport on the classpath) into a report that names the property to
	 * change.
	 * @param <T> the type
	 * @param settings the settings
	 * @param builder the builder
	 * @return the t
	 */
	static <T> T build(OtlpExporterSettings settings, Supplier<T> builder) {
		try {
			return builder.get();
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("GrpcSenderProvider")) {
				throw new InvalidOtelPropertyException(OtlpExporterSettings.protocolKey(), OtlpProtocol.GRPC.value(),
						"http/protobuf, or grpc with a gRPC sender on the class path (the starter brings "
								+ "io.opentelemetry:opentelemetry-exporter-sender-okhttp; it was excluded)",
						ex);
			}
			if (settings.getClientKey() != null) {
				throw new InvalidOtelPropertyException(OtlpExporterSettings.clientTlsKeys(), "(file content hidden)",
						"a PKCS#8 private key and its X.509 certificate, both in PEM", ex);
			}
			throw ex;
		}
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
			return build(settings, () -> {
				OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
					.setRetryPolicy(retryPolicy(retry))
					.setExecutorService(threads.executor());
				ClassLoader senders = JdkHttpSenderClassLoader.forHttpExporters();
				if (senders != null) {
					builder.setServiceClassLoader(senders);
				}
				apply(settings, builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression,
						builder::setTrustedCertificates, builder::setClientTls);
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				return builder.build();
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnOtlpProtocol(OtlpProtocol.GRPC)
	static class GrpcConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpGrpcSpanExporter otlpGrpcSpanExporter(OtlpExporterSettings settings, ExporterRetryProperties retry,
				ObjectProvider<OtlpGrpcSpanExporterBuilderCustomizer> customizers) {
			return build(settings, () -> {
				OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder().setRetryPolicy(retryPolicy(retry));
				apply(settings, builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression,
						builder::setTrustedCertificates, builder::setClientTls);
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				return builder.build();
			});
		}

	}

}
