package dev.otelspring.autoconfigure.logging;

import io.opentelemetry.context.ContextStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Installs {@link MdcContextStorage} into OpenTelemetry's context storage, once per JVM.
 * It must run before anything uses the OpenTelemetry context, which is why an application
 * listener does it as soon as the environment is ready; the auto-configuration calls it
 * again as a fallback.
 */
final class LogCorrelation {

	private static final Log logger = LogFactory.getLog(LogCorrelation.class);

	private static volatile boolean attempted;

	private LogCorrelation() {
	}

	static synchronized void install() {
		if (attempted) {
			return;
		}
		attempted = true;
		ContextStorage.addWrapper(MdcContextStorage::new);
		if (!isInstalled()) {
			logger.info("Trace ids cannot be added to the logging MDC: the OpenTelemetry context was used before "
					+ "the application started. Log lines will not show trace_id and span_id.");
		}
	}

	static boolean isInstalled() {
		// Initializes the storage if nothing did yet, which applies the wrapper.
		ContextStorage.get();
		return MdcContextStorage.installed;
	}

}
