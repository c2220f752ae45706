package dev.otelspring.autoconfigure.exporter.monitoring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the span export health indicator, under {@code otel.spring.export.health}.
 */
@ConfigurationProperties("otel.spring.export.health")
public class SpanExportHealthProperties {

	/**
	 * Whether to contribute an "otelSpanExport" health indicator when Spring Boot Actuator is present.
	 */
	private boolean enabled = true;

	/**
	 * How many exports in a row must fail before the indicator stops reporting UP.
	 */
	private int failureThreshold = 3;

	/**
	 * The status reported once exports keep failing: a custom status such as DEGRADED (the default,
	 * which does not take the instance out of service), or DOWN.
	 */
	private String failingStatus = "DEGRADED";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("otel.spring.export.health.failure-threshold must be at least 1");
		}
		this.failureThreshold = failureThreshold;
	}

	public String getFailingStatus() {
		return this.failingStatus;
	}

	public void setFailingStatus(String failingStatus) {
		this.failingStatus = failingStatus;
	}

}
