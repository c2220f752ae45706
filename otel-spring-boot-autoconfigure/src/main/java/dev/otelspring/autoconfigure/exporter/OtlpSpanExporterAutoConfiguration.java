package dev.otelspring.autoconfigure.exporter;


import java.util.function.Supplier;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
import dev.otelspring.autoconfigure.sdk.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.RetryPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the OTLP span exporter, over {@code http/protobuf} (the default, through the
 * JDK's HttpClient) or {@code grpc}, from the standard {@code otel.exporter.otlp.*} properties.
 *
 * <p>Backs off when the application defines its own exporter of the same type, or its own
 * {@link OpenTelemetry}. The exporter is shut down by the tracer provider that owns it, not by the
 * context. Over HTTP it sends on the daemon threads of {@link OtlpExportThreads}; a customizer that
 * sets its own executor replaces them.
 */
@AutoConfiguration(before = OpenTelemetrySdkAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetry.class, OtlpHttpSpanExporter.class })
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnMissingBean(OpenTelemetry.class)
@ConditionalOnTracesExporter("otlp")
public final class OtlpSpanExporterAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnHttpProtocolCondition.class)
	static class HttpProtobufConfiguration {

		@Bean
		@ConditionalOnMissingBean(OtlpHttpSpanExporter.class)
		OtlpExportThreads otelOtlpExportThreads() {
			return new OtlpExportThreads();
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpHttpSpanExporter otlpHttpSpanExporter(Environment environment,
				ObjectProvider<OtlpHttpSpanExporterBuilderCustomizer> customizers, OtlpExportThreads threads) {
			OtlpExporterSettings settings = OtlpExporterSettings.read(new OtelProperties(environment));
			RetryPolicy retry = retryPolicy(environment);
			return build(settings, () -> {
				OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
					.setRetryPolicy(retry)
					.setExecutorService(threads.executor());
				settings.applyTo(builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression,
						builder::setTrustedCertificates, builder::setClientTls);
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				return builder.build();
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnGrpcProtocolCondition.class)
	static class GrpcConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OtlpGrpcSpanExporter otlpGrpcSpanExporter(Environment environment,
				ObjectProvider<OtlpGrpcSpanExporterBuilderCustomizer> customizers) {
			OtlpExporterSettings settings = OtlpExporterSettings.read(new OtelProperties(environment));
			RetryPolicy retry = retryPolicy(environment);
			return build(settings, () -> {
				OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
					.setRetryPolicy(retry);
				settings.applyTo(builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression,
						builder::setTrustedCertificates, builder::setClientTls);
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				return builder.build();
			});
		}

	}

	private static RetryPolicy retryPolicy(Environment environment) {
		return new OtelProperties(environment).bind("otel.spring.exporter.retry", ExporterRetryProperties.class)
			.toRetryPolicy();
	}

	/**
	 * Builds the exporter, turning the SDK's own complaints (a PEM file it cannot parse, no gRPC
	 * transport on the classpath) into a report that names the property to change.
	 */
	private static <T> T build(OtlpExporterSettings settings, Supplier<T> builder) {
		try {
			return builder.get();
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("GrpcSenderProvider")) {
				throw new InvalidOtelPropertyException(OtlpExporterSettings.PREFIX + "protocol", "grpc",
						"http/protobuf, or grpc after adding a gRPC sender to the application "
								+ "(io.opentelemetry:opentelemetry-exporter-sender-okhttp)",
						ex);
			}
			if (settings.getClientKey() != null) {
				throw new InvalidOtelPropertyException(
						OtlpExporterSettings.PREFIX + "client.key / " + OtlpExporterSettings.PREFIX
								+ "client.certificate",
						"(file content hidden)", "a PKCS#8 private key and its X.509 certificate, both in PEM", ex);
			}
			throw ex;
		}
	}

	static class OnHttpProtocolCondition extends ProtocolCondition {

		OnHttpProtocolCondition() {
			super(OtlpExporterSettings.HTTP_PROTOBUF);
		}

	}

	static class OnGrpcProtocolCondition extends ProtocolCondition {

		OnGrpcProtocolCondition() {
			super(OtlpExporterSettings.GRPC);
		}

	}

	abstract static class ProtocolCondition extends SpringBootCondition {

		private final String protocol;

		ProtocolCondition(String protocol) {
			this.protocol = protocol;
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String configured = OtlpExporterSettings.protocol(new OtelProperties(context.getEnvironment()));
			ConditionMessage.Builder message = ConditionMessage.forCondition("OTLP protocol", this.protocol);
			return configured.equals(this.protocol) ? ConditionOutcome.match(message.because("it is configured"))
					: ConditionOutcome.noMatch(message.because("the protocol is " + configured));
		}

	}

}
