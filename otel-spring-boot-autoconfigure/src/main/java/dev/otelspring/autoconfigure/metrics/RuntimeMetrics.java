package dev.otelspring.autoconfigure.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The JVM's runtime metrics ({@code jvm.memory.*}, {@code jvm.gc.duration},
 * {@code jvm.thread.count}, {@code jvm.cpu.*}, {@code jvm.class.*}), observed by
 * OpenTelemetry's runtime-telemetry library through the application's meter provider,
 * from start-up until the context closes. Nothing is registered when there is no meter
 * provider to read them; a library that does not fit the OpenTelemetry API on the class
 * path costs the metrics, with one WARN line, never the start-up.
 */
public final class RuntimeMetrics implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RuntimeMetrics.class);

	private static final String PROBE = "dev.otelspring.runtime";

	private final AutoCloseable telemetry;

	RuntimeMetrics(OpenTelemetry openTelemetry) {
		this.telemetry = start(openTelemetry);
	}

	private static AutoCloseable start(OpenTelemetry openTelemetry) {
		if (openTelemetry.getMeter(PROBE) == MeterProvider.noop().get(PROBE)) {
			return null;
		}
		try {
			return RuntimeTelemetry.create(openTelemetry);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("JVM runtime metrics are off: the runtime-telemetry library could not start with this "
					+ "OpenTelemetry API (" + ex + ")");
			return null;
		}
	}

	/**
	 * Returns whether the JVM's metrics are being observed.
	 * @return whether the JVM's metrics are being observed
	 */
	public boolean isRunning() {
		return this.telemetry != null;
	}

	@Override
	public void destroy() {
		if (this.telemetry != null) {
			try {
				this.telemetry.close();
			}
			catch (Exception ex) {
				logger.debug("Could not stop the JVM runtime metrics", ex);
			}
		}
	}

}
