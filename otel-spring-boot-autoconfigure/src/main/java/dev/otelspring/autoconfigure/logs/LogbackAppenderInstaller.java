package dev.otelspring.autoconfigure.logs;

import dev.otelspring.autoconfigure.config.LogAppenderSettings;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Installs the Logback appender on the application's {@link OpenTelemetry} once every
 * singleton exists, delivering the lines held since start-up; uninstalls it when the
 * context closes, before the SDK shuts down.
 */
public final class LogbackAppenderInstaller implements SmartInitializingSingleton, DisposableBean {

	private final OpenTelemetry openTelemetry;

	private final LogAppenderSettings settings;

	private volatile boolean installed;

	LogbackAppenderInstaller(OpenTelemetry openTelemetry, LogAppenderSettings settings) {
		this.openTelemetry = openTelemetry;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.installed = LogbackAppenders.install(this.openTelemetry, this.settings);
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
		LogbackAppenders.uninstall(this.openTelemetry);
	}

}
