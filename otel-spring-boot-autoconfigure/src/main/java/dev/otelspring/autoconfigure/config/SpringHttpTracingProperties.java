package dev.otelspring.autoconfigure.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * This starter's own HTTP tracing settings, under {@code otel.spring.http}.
 *
 * @param sensitiveQueryParameters query parameters whose values are replaced by
 * "REDACTED" in url.query and url.full. Defaults to the semantic conventions' list plus
 * common credential names
 * @param server server-side settings
 * @param metrics whether the HTTP server and client instrumentations record the stable
 * HTTP metrics (http.server.request.duration, http.server.active_requests,
 * http.client.request.duration) when a metrics exporter is configured
 */
@ConfigurationProperties("otel.spring.http")
// @formatter:off
public record SpringHttpTracingProperties(
		@DefaultValue({ "AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature", "access_token", "api_key", "apikey",
				"token", "password", "client_secret" })
		List<String> sensitiveQueryParameters,
		@DefaultValue Server server,
		@DefaultValue("true") boolean metrics) {
// @formatter:on

	/**
	 * Drops blank entries.
	 */
	public SpringHttpTracingProperties {
		sensitiveQueryParameters = HttpTracingProperties.cleaned(sensitiveQueryParameters);
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static SpringHttpTracingProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.SPRING_HTTP, SpringHttpTracingProperties.class);
	}

	/**
	 * Server-side settings.
	 *
	 * @param skipPaths request paths that get no span, in the pattern grammar of
	 * {@link PathPattern} (matched against the path within the application). Defaults to
	 * the actuator's health probes, the favicon and static resources
	 * @param traceResponseHeader whether to add a W3C "traceresponse" header to every
	 * traced response, so that callers can find the trace
	 */
	// @formatter:off
	public record Server(
			@DefaultValue({ "/actuator/health", "/actuator/health/**", "/favicon.ico", "/webjars/**", "/static/**",
					"*.css", "*.js", "*.map" })
			List<String> skipPaths,
			@DefaultValue("false") boolean traceResponseHeader) {
	// @formatter:on

		private static final String SKIP_PATHS = OtelPropertyNames.SPRING_HTTP + ".server.skip-paths";

		/**
		 * Checks every skip path against the pattern grammar.
		 */
		public Server {
			skipPaths = HttpTracingProperties.cleaned(skipPaths);
			PathPattern.compileAll(SKIP_PATHS, skipPaths);
		}

		/**
		 * Returns the compiled skip paths.
		 * @return the patterns
		 */
		public List<PathPattern> skipPathPatterns() {
			return PathPattern.compileAll(SKIP_PATHS, this.skipPaths);
		}

	}

}
