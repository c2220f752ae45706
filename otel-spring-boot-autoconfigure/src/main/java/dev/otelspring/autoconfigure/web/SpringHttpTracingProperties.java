package dev.otelspring.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This starter's own HTTP tracing settings, under {@code otel.spring.http}.
 */
@ConfigurationProperties("otel.spring.http")
public class SpringHttpTracingProperties {

	/**
	 * Query parameters whose values are replaced by "REDACTED" in url.query and url.full. Defaults to
	 * the semantic conventions' list plus common credential names.
	 */
	private List<String> sensitiveQueryParameters = new ArrayList<>(List.of("AWSAccessKeyId", "Signature", "sig",
			"X-Goog-Signature", "access_token", "api_key", "apikey", "token", "password", "client_secret"));

	private final Server server = new Server();

	public List<String> getSensitiveQueryParameters() {
		return this.sensitiveQueryParameters;
	}

	public void setSensitiveQueryParameters(List<String> sensitiveQueryParameters) {
		this.sensitiveQueryParameters = sensitiveQueryParameters;
	}

	public Server getServer() {
		return this.server;
	}

	/**
	 * Server-side settings.
	 */
	public static class Server {

		/**
		 * Request paths that get no span: exact paths, prefixes ending in "/**", or suffixes starting
		 * with "*." (matched against the path within the application). Defaults to the actuator's
		 * health probes, the favicon and static resources.
		 */
		private List<String> skipPaths = new ArrayList<>(List.of("/actuator/health", "/actuator/health/**",
				"/favicon.ico", "/webjars/**", "/static/**", "*.css", "*.js", "*.map"));

		/**
		 * Whether to add a W3C "traceresponse" header to every traced response, so that callers can find
		 * the trace.
		 */
		private boolean traceResponseHeader = false;

		public List<String> getSkipPaths() {
			return this.skipPaths;
		}

		public void setSkipPaths(List<String> skipPaths) {
			this.skipPaths = skipPaths;
		}

		public boolean isTraceResponseHeader() {
			return this.traceResponseHeader;
		}

		public void setTraceResponseHeader(boolean traceResponseHeader) {
			this.traceResponseHeader = traceResponseHeader;
		}

	}

}
