package dev.otelspring.autoconfigure.sdk;

import java.util.Map;
import java.util.Set;

import dev.otelspring.autoconfigure.config.ResourceDetector;
import dev.otelspring.autoconfigure.config.ResourceSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.instrumentation.resources.ContainerResource;
import io.opentelemetry.instrumentation.resources.HostResource;
import io.opentelemetry.instrumentation.resources.OsResource;
import io.opentelemetry.instrumentation.resources.ProcessResource;
import io.opentelemetry.instrumentation.resources.ProcessRuntimeResource;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.semconv.ServiceAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * Builds the {@link Resource} that describes this service.
 *
 * <p>
 * Precedence for {@code service.name}: {@code otel.service.name}, then a
 * {@code service.name} entry of {@code otel.resource.attributes}, then
 * {@code spring.application.name}, then the specification's default
 * {@code unknown_service:java}. {@code service.version} comes from
 * {@code otel.resource.attributes} or, failing that, from the build information Spring
 * Boot exposes.
 *
 * <p>
 * Merged in this order, later winning: the SDK's default resource, the resource detectors
 * (host, OS, process, runtime, container), the configured attributes; then the keys of
 * {@code otel.resource.disabled.keys} are removed.
 */
final class ResourceFactory {

	private static final Log logger = LogFactory.getLog(ResourceFactory.class);

	private static final boolean DETECTORS_PRESENT = ClassUtils
		.isPresent("io.opentelemetry.instrumentation.resources.HostResource", ResourceFactory.class.getClassLoader());

	private static final Set<String> COMMAND_LINE_KEYS = Set.of("process.command", "process.command_line",
			"process.command_args");

	private ResourceFactory() {
	}

	static Resource create(ResourceSettings settings, String buildVersion) {
		Map<String, String> attributes = settings.attributes();
		AttributesBuilder builder = Attributes.builder();
		attributes.forEach(builder::put);
		if (!attributes.containsKey(ServiceAttributes.SERVICE_VERSION.getKey()) && buildVersion != null) {
			builder.put(ServiceAttributes.SERVICE_VERSION, buildVersion);
		}
		String serviceName = settings.serviceName();
		if (serviceName == null) {
			serviceName = attributes.get(ServiceAttributes.SERVICE_NAME.getKey());
		}
		if (serviceName == null) {
			serviceName = settings.applicationName();
		}
		if (serviceName != null) {
			builder.put(ServiceAttributes.SERVICE_NAME, serviceName);
		}
		else {
			logger.info("No service name is configured, so traces are reported as 'unknown_service:java'. "
					+ "Set otel.service.name or spring.application.name.");
		}
		Resource resource = Resource.getDefault();
		for (ResourceDetector detector : settings.detectors()) {
			resource = resource.merge(detect(detector));
		}
		resource = resource.merge(Resource.create(builder.build()));
		if (!settings.disabledKeys().isEmpty()) {
			resource = resource.toBuilder().removeIf((key) -> settings.disabledKeys().contains(key.getKey())).build();
		}
		return resource;
	}

	/**
	 * Runs one of the published detectors; a detector that is missing (the
	 * {@code opentelemetry-resources} jar left out) or fails adds nothing. The process
	 * detector's command line is left out: arguments can carry secrets.
	 * @param detector the detector
	 * @return what it found
	 */
	static Resource detect(ResourceDetector detector) {
		if (!DETECTORS_PRESENT) {
			return Resource.empty();
		}
		try {
			return switch (detector) {
				case HOST -> HostResource.get();
				case OS -> OsResource.get();
				case PROCESS -> ProcessResource.get()
					.toBuilder()
					.removeIf((key) -> COMMAND_LINE_KEYS.contains(key.getKey()))
					.build();
				case PROCESS_RUNTIME -> ProcessRuntimeResource.get();
				case CONTAINER -> ContainerResource.get();
			};
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Resource detector " + detector + " failed; its attributes are left out", ex);
			return Resource.empty();
		}
	}

}
