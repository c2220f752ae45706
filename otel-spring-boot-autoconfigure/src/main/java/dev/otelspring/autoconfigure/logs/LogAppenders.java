package dev.otelspring.autoconfigure.logs;

import io.opentelemetry.api.OpenTelemetry;

/**
 * One logging system's appender life cycle, in terms that need none of its types, so that
 * callers load without it on the class path: attached and holding events when logging
 * starts, installed on the SDK when it is ready, uninstalled when the context closes.
 */
interface LogAppenders {

	/**
	 * Attaches the appender, when the logging system is the one in use, and holds its
	 * events until {@link #install}.
	 */
	void startBuffering();

	/**
	 * Takes the appender off again if it is still holding events: the application failed
	 * to start.
	 */
	void stopBuffering();

	/**
	 * Delivers the events held so far to the SDK's logs bridge, then every event.
	 * @param emitter the emitter over the SDK
	 * @return whether the appender is attached (the logging system is the one in use)
	 */
	boolean install(LogRecordEmitter emitter);

	/**
	 * Stops exporting through the given SDK, when it is the one installed.
	 * @param openTelemetry the SDK
	 */
	void uninstall(OpenTelemetry openTelemetry);

	/**
	 * Takes the appender off the root logger, if it is there.
	 */
	void detach();

}
