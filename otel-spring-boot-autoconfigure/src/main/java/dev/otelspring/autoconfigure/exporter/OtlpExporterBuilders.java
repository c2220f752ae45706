package dev.otelspring.autoconfigure.exporter;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.otelspring.autoconfigure.config.ExporterRetryProperties;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtlpExporterSettings;
import dev.otelspring.autoconfigure.config.OtlpProtocol;
import io.opentelemetry.sdk.common.export.RetryPolicy;

/**
 * Sets up the OTLP exporter builders of every signal and protocol the same way: the
 * endpoint, headers, timeout, compression, certificates and retry policy from the
 * settings; over HTTP the {@link OtlpExportThreads} and the JDK sender
 * ({@link JdkHttpSenderClassLoader}); then the application's customizers; and the SDK's
 * own complaints at build time turned into reports that name the property to change. The
 * builders share no interface, so each passes its setters.
 */
final class OtlpExporterBuilders {

	private OtlpExporterBuilders() {
	}

	/**
	 * Sets up an OTLP/HTTP exporter's builder and builds the exporter.
	 * @param <B> the builder type
	 * @param <E> the exporter type
	 * @param settings the signal's settings
	 * @param retry the retry settings
	 * @param threads the threads the exporter sends on
	 * @param builder the builder
	 * @param setters the builder's common setters
	 * @param executor the builder's executor setter
	 * @param serviceClassLoader the builder's service class loader setter
	 * @param customizers the application's customizers, in order
	 * @param build the builder's build method
	 * @return the exporter
	 */
	static <B, E> E http(OtlpExporterSettings settings, ExporterRetryProperties retry, OtlpExportThreads threads,
			B builder, Setters setters, Consumer<ExecutorService> executor, Consumer<ClassLoader> serviceClassLoader,
			Consumer<B> customizers, Function<B, E> build) {
		return build(settings, retry, builder, setters, () -> {
			executor.accept(threads.executor());
			ClassLoader senders = JdkHttpSenderClassLoader.forHttpExporters();
			if (senders != null) {
				serviceClassLoader.accept(senders);
			}
		}, customizers, build);
	}

	/**
	 * Sets up an OTLP/gRPC exporter's builder and builds the exporter.
	 * @param <B> the builder type
	 * @param <E> the exporter type
	 * @param settings the signal's settings
	 * @param retry the retry settings
	 * @param builder the builder
	 * @param setters the builder's common setters
	 * @param customizers the application's customizers, in order
	 * @param build the builder's build method
	 * @return the exporter
	 */
	static <B, E> E grpc(OtlpExporterSettings settings, ExporterRetryProperties retry, B builder, Setters setters,
			Consumer<B> customizers, Function<B, E> build) {
		return build(settings, retry, builder, setters, () -> {
		}, customizers, build);
	}

	private static <B, E> E build(OtlpExporterSettings settings, ExporterRetryProperties retry, B builder,
			Setters setters, Runnable transport, Consumer<B> customizers, Function<B, E> build) {
		try {
			setters.retryPolicy().accept(retryPolicy(retry));
			transport.run();
			setters.endpoint().accept(settings.getEndpoint());
			setters.timeout().accept(settings.getTimeout());
			settings.getHeaders().forEach(setters.header());
			if (settings.getCompression() != null) {
				setters.compression().accept(settings.getCompression().value());
			}
			if (settings.getTrustedCertificates() != null) {
				setters.trustedCertificates().accept(settings.getTrustedCertificates());
			}
			if (settings.getClientKey() != null) {
				setters.clientTls().accept(settings.getClientKey(), settings.getClientCertificate());
			}
			customizers.accept(builder);
			return build.apply(builder);
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

	/**
	 * Returns the SDK retry policy the settings describe, or {@code null} for no retry.
	 * @param retry the retry settings
	 * @return the retry policy, or {@code null}
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
	 * The setters every OTLP exporter builder has, bound to one builder.
	 *
	 * @param endpoint sets the endpoint
	 * @param header adds a header
	 * @param timeout sets the timeout
	 * @param compression sets the compression
	 * @param trustedCertificates sets the trusted certificates
	 * @param clientTls sets the client key and certificate
	 * @param retryPolicy sets the retry policy ({@code null} for none)
	 */
	record Setters(Consumer<String> endpoint, BiConsumer<String, String> header, Consumer<Duration> timeout,
			Consumer<String> compression, Consumer<byte[]> trustedCertificates, BiConsumer<byte[], byte[]> clientTls,
			Consumer<RetryPolicy> retryPolicy) {

	}

}
