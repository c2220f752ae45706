package dev.otelspring.autoconfigure.sdk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Flushes queued spans and shuts the {@link SdkTracerProvider} down when the application context
 * closes, waiting at most {@code otel.spring.shutdown.timeout} (10 seconds by default). Runs after the
 * web server has stopped accepting requests, so every span of a completed request is exported.
 */
public final class SdkShutdown implements DisposableBean {

	static final String TIMEOUT_PROPERTY = "otel.spring.shutdown.timeout";

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(SdkShutdown.class);

	private final SdkTracerProvider tracerProvider;

	private final Duration timeout;

	SdkShutdown(SdkTracerProvider tracerProvider, Duration timeout) {
		this.tracerProvider = tracerProvider;
		this.timeout = timeout;
	}

	@Override
	public void destroy() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		CompletableResultCode flush = this.tracerProvider.forceFlush()
			.join(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		long remaining = Math.max(0, deadline - System.nanoTime());
		CompletableResultCode shutdown = this.tracerProvider.shutdown().join(remaining, TimeUnit.NANOSECONDS);
		if (!flush.isSuccess() || !shutdown.isSuccess()) {
			logger.warn("OpenTelemetry did not export every queued span within " + this.timeout
					+ " at shutdown; the spans still queued are lost. Raise " + TIMEOUT_PROPERTY
					+ " or check the exporter's endpoint.");
		}
	}

}
