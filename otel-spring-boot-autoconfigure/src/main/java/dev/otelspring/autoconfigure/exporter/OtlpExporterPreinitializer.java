package dev.otelspring.autoconfigure.exporter;

import javax.net.ssl.SSLContext;

import dev.otelspring.autoconfigure.config.OtelProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Moves the slowest step of building the OTLP/HTTP exporter off the startup path: the JDK's
 * HttpClient, which the exporter sends with, initializes the JVM's default TLS context when it is
 * built, even for a plain {@code http://} endpoint, and that takes 100-200 ms of a single thread
 * (security providers, trust store, cipher suites). This listener does it on a daemon thread as soon
 * as the environment is ready, while the application context is being created on the main thread, in
 * the manner of Spring Boot's own background pre-initializer.
 *
 * <p>Runs only on a machine with more than one processor, when tracing exports OTLP over
 * {@code http/protobuf}, and unless {@code otel.spring.exporter.preinitialize=false}. It only warms a
 * JVM-wide cache the exporter would fill anyway; any failure is ignored (the exporter then does the
 * same work itself, and reports what goes wrong there).
 */
public final class OtlpExporterPreinitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/** Turns the pre-initialization off. */
	static final String ENABLED_PROPERTY = "otel.spring.exporter.preinitialize";

	static final String THREAD_NAME = "otel-exporter-preinit";

	private static final Log logger = LogFactory.getLog(OtlpExporterPreinitializer.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		start(event.getEnvironment(), Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Starts the pre-initialization if it applies.
	 * @param environment the application's environment
	 * @param processors the processors available to the JVM
	 * @return the thread started, or {@code null} if none was
	 */
	Thread start(Environment environment, int processors) {
		if (processors < 2 || !applies(environment)) {
			return null;
		}
		Thread thread = new Thread(OtlpExporterPreinitializer::initializeDefaultTls, THREAD_NAME);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static boolean applies(Environment environment) {
		try {
			OtelProperties properties = new OtelProperties(environment);
			return properties.getBoolean(ENABLED_PROPERTY, true) && !properties.getBoolean("otel.sdk.disabled", false)
					&& TracesExporters.get(properties).contains("otlp")
					&& OtlpExporterSettings.HTTP_PROTOBUF.equals(OtlpExporterSettings.protocol(properties));
		}
		catch (RuntimeException ex) {
			// An invalid value is reported, with its key, when the auto-configuration reads it.
			return false;
		}
	}

	private static void initializeDefaultTls() {
		try {
			SSLContext.getDefault().getDefaultSSLParameters();
		}
		catch (Throwable ex) {
			logger.debug("Could not initialize the default TLS context ahead of the OTLP exporter", ex);
		}
	}

}
