package dev.otelspring.autoconfigure.sdk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.otelspring.autoconfigure.exporter.monitoring.SpanExportStatistics;
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

	private final SpanExportStatistics statistics;

	SdkShutdown(SdkTracerProvider tracerProvider, Duration timeout, SpanExportStatistics statistics) {
		this.tracerProvider = tracerProvider;
		this.timeout = timeout;
		this.statistics = statistics;
	}

	@Override
	public void destroy() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		CompletableResultCode flush = this.tracerProvider.forceFlush()
			.join(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		long remaining = Math.max(0, deadline - System.nanoTime());
		CompletableResultCode shutdown = this.tracerProvider.shutdown().join(remaining, TimeUnit.NANOSECONDS);
		long lost = this.statistics.getFailed() + this.statistics.getDropped();
		if (!flush.isDone() || !shutdown.isDone()) {
			logger.warn("OpenTelemetry could not finish exporting within " + this.timeout + " at shutdown; "
					+ "the spans still queued are lost. " + lost + " span(s) were lost before that ("
					+ this.statistics.getFailed() + " failed to export, " + this.statistics.getDropped()
					+ " dropped from a full queue). Raise " + TIMEOUT_PROPERTY + " or check the exporter's endpoint.");
		}
		else if (lost > 0) {
			logger.warn("OpenTelemetry shut down; " + lost + " span(s) were lost while the application ran ("
					+ this.statistics.getFailed() + " failed to export, " + this.statistics.getDropped()
					+ " dropped from a full queue); " + this.statistics.getExported() + " were exported. Last error: "
					+ this.statistics.getLastError());
		}
	}

}
