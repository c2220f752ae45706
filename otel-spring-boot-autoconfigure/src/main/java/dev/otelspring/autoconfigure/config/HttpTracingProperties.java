package dev.otelspring.autoconfigure.config;

import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * The official starter's HTTP instrumentation keys, under
 * {@code otel.instrumentation.http}.
 *
 * @param knownMethods HTTP methods recorded as they are; any other method is recorded as
 * "_OTHER" with the original in http.request.method_original. Defaults to the methods of
 * RFC 9110 and PATCH
 * @param server header capture on server spans
 * @param client header capture on client spans
 */
@ConfigurationProperties("otel.instrumentation.http")
// @formatter:off
public record HttpTracingProperties(
		@DefaultValue({ "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE" })
		List<String> knownMethods,
		@DefaultValue Side server,
		@DefaultValue Side client) {
// @formatter:on

	/**
	 * Drops blank entries.
	 */
	public HttpTracingProperties {
		knownMethods = cleaned(knownMethods);
		if (knownMethods.isEmpty()) {
			throw new InvalidOtelPropertyException(OtelPropertyNames.HTTP_INSTRUMENTATION + ".known-methods", "[]",
					"a list of at least one HTTP method, such as GET,POST (leave it unset for RFC 9110's methods "
							+ "and PATCH)");
		}
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static HttpTracingProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.HTTP_INSTRUMENTATION,
				HttpTracingProperties.class);
	}

	static List<String> cleaned(List<String> values) {
		return (values != null) ? values.stream().filter(Objects::nonNull).filter((value) -> !value.isBlank()).toList()
				: List.of();
	}

	/**
	 * Header capture for one side of the exchange.
	 *
	 * @param captureRequestHeaders request headers recorded as
	 * http.request.header.&lt;name&gt; attributes. Authorization, Cookie, Set-Cookie and
	 * Proxy-Authorization are never recorded, even when listed
	 * @param captureResponseHeaders response headers recorded as
	 * http.response.header.&lt;name&gt; attributes. Authorization, Cookie, Set-Cookie and
	 * Proxy-Authorization are never recorded, even when listed
	 */
	public record Side(@DefaultValue List<String> captureRequestHeaders,
			@DefaultValue List<String> captureResponseHeaders) {

		/**
		 * Drops blank entries.
		 */
		public Side {
			captureRequestHeaders = cleaned(captureRequestHeaders);
			captureResponseHeaders = cleaned(captureResponseHeaders);
		}

	}

}
