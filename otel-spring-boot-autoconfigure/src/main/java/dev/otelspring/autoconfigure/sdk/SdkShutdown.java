package dev.otelspring.autoconfigure.sdk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.otelspring.autoconfigure.config.SdkShutdownSettings;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Flushes queued spans and shuts the {@link SdkTracerProvider} down (and the
 * {@link SdkMeterProvider}, after a last collection, and the {@link SdkLoggerProvider})
 * when the application context closes, waiting at most the configured timeout, then tells
 * every {@link SdkShutdownListener}. Runs after the web server has stopped accepting
 * requests, so every span of a completed request is exported.
 */
final class SdkShutdown implements DisposableBean {

	private static final Log logger = LogFactory.getLog(SdkShutdown.class);

	private final SdkTracerProvider tracerProvider;

	private final SdkMeterProvider meterProvider;

	private final SdkLoggerProvider loggerProvider;

	private final Duration timeout;

	private final List<SdkShutdownListener> listeners;

	SdkShutdown(SdkTracerProvider tracerProvider, SdkMeterProvider meterProvider, SdkLoggerProvider loggerProvider,
			Duration timeout, List<SdkShutdownListener> listeners) {
		this.tracerProvider = tracerProvider;
		this.meterProvider = meterProvider;
		this.loggerProvider = loggerProvider;
		this.timeout = timeout;
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void destroy() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		// The meters' last collection and the queued log records' export run beside the
		// spans' flush.
		CompletableResultCode meters = (this.meterProvider != null) ? this.meterProvider.shutdown()
				: CompletableResultCode.ofSuccess();
		CompletableResultCode logs = (this.loggerProvider != null) ? this.loggerProvider.shutdown()
				: CompletableResultCode.ofSuccess();
		CompletableResultCode flush = this.tracerProvider.forceFlush()
			.join(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		long remaining = Math.max(0, deadline - System.nanoTime());
		CompletableResultCode shutdown = this.tracerProvider.shutdown().join(remaining, TimeUnit.NANOSECONDS);
		meters.join(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		logs.join(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		boolean completed = flush.isDone() && shutdown.isDone() && meters.isDone() && logs.isDone();
		if (!completed) {
			logger.warn("OpenTelemetry could not finish exporting within " + this.timeout + " at shutdown; "
					+ "the spans still queued are lost. Raise " + SdkShutdownSettings.timeoutKey()
					+ " or check the exporter's endpoint.");
		}
		for (SdkShutdownListener listener : this.listeners) {
			try {
				listener.onShutdown(completed);
			}
			catch (RuntimeException ex) {
				logger.debug("An SdkShutdownListener failed", ex);
			}
		}
	}

}
