package dev.otelspring.autoconfigure.config;

/**
 * The resource detectors the starter runs, from OpenTelemetry's published
 * {@code opentelemetry-resources} library. Each is switched off by naming its provider in
 * {@code otel.java.disabled.resource.providers} (or left out of
 * {@code otel.java.enabled.resource.providers}), as with the SDK's autoconfiguration.
 */
public enum ResourceDetector {

	/** {@code host.name}, {@code host.arch}. */
	HOST("HostResourceProvider"),

	/** {@code os.type}, {@code os.description}. */
	OS("OsResourceProvider"),

	/** {@code process.pid}, {@code process.executable.path}. */
	PROCESS("ProcessResourceProvider"),

	/** {@code process.runtime.name}, {@code .version}, {@code .description}. */
	PROCESS_RUNTIME("ProcessRuntimeResourceProvider"),

	/**
	 * {@code container.id}, from the cgroup files, where the process runs in a container.
	 */
	CONTAINER("ContainerResourceProvider");

	private static final String PACKAGE = "io.opentelemetry.instrumentation.resources.";

	private final String providerName;

	ResourceDetector(String providerName) {
		this.providerName = providerName;
	}

	/**
	 * The fully qualified name of the SDK resource provider that this detector stands
	 * for, as the {@code otel.java.*.resource.providers} keys name it.
	 * @return the provider's class name
	 */
	public String providerClassName() {
		return PACKAGE + this.providerName;
	}

	boolean isNamedBy(String name) {
		return name.equals(providerClassName()) || name.equals(this.providerName);
	}

}
