package dev.otelspring.autoconfigure.logs;

import dev.otelspring.autoconfigure.config.LogAppenderSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Installs a logging system's appender on the application's {@link OpenTelemetry} once
 * every singleton exists, delivering the lines held since start-up, or takes it off when
 * the SDK exports no logs; uninstalls it when the context closes, before the SDK shuts
 * down.
 */
public final class LogAppenderInstaller implements SmartInitializingSingleton, DisposableBean {

	private static final String PROBE = "dev.otelspring.logs";

	private final OpenTelemetry openTelemetry;

	private final LogAppenderSettings settings;

	private final LogAppenders appenders;

	private volatile boolean installed;

	LogAppenderInstaller(OpenTelemetry openTelemetry, LogAppenderSettings settings, LogAppenders appenders) {
		this.openTelemetry = openTelemetry;
		this.settings = settings;
		this.appenders = appenders;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.openTelemetry.getLogsBridge().get(PROBE) == LoggerProvider.noop().get(PROBE)) {
			// No logger provider: nothing to export to.
			this.appenders.detach();
			return;
		}
		this.installed = this.appenders.install(new LogRecordEmitter(this.openTelemetry, this.settings));
	}

	/**
	 * Returns whether log events are exported through the application's SDK.
	 * @return whether log events are exported
	 */
	public boolean isInstalled() {
		return this.installed;
	}

	@Override
	public void destroy() {
		this.appenders.uninstall(this.openTelemetry);
	}

}
