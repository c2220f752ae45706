package dev.otelspring.autoconfigure.sdk;

import java.util.Map;

import dev.otelspring.autoconfigure.config.ResourceSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.semconv.ServiceAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 */
final class ResourceFactory {

	private static final Log logger = LogFactory.getLog(ResourceFactory.class);

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
		return Resource.getDefault().merge(Resource.create(builder.build()));
	}

}
