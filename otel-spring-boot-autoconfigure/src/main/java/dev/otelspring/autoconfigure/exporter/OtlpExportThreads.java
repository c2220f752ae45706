package dev.otelspring.autoconfigure.exporter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads the OTLP/HTTP exporter sends its requests on, handed to the SDK through
 * {@code OtlpHttpSpanExporterBuilder.setExecutorService}: daemon threads named
 * {@code otel-otlp-export-N}, started when an export finds none idle and ended after a
 * minute without work. The batch processor exports one batch at a time, so one or two
 * threads serve it under load (a second starts when an export is handed over before the
 * first thread is back waiting); more run only while an export outlives the processor's
 * export timeout (a collector that hangs).
 *
 * <p>
 * Without this, OpenTelemetry 1.49 (the version Spring Boot 3.5 pins) sends on a pool of
 * five anonymous non-daemon threads, which keep the JVM of a command-line application
 * running after its main method returns; later versions use daemon threads of their own.
 * Closed with the context, after the tracer provider's shutdown flush: an export still
 * running then (the flush timed out) is interrupted, and one that arrives later runs on
 * the thread that asked for it rather than being rejected.
 */
final class OtlpExportThreads implements DisposableBean {

	static final String NAME_PREFIX = "otel-otlp-export-";

	private static final long KEEP_ALIVE_SECONDS = 60;

	private final ThreadPoolExecutor executor;

	OtlpExportThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(NAME_PREFIX);
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new SynchronousQueue<>(), threads, (task, pool) -> task.run());
	}

	ExecutorService executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
