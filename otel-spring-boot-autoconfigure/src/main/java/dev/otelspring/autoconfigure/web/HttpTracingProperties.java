package dev.otelspring.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The official starter's HTTP instrumentation keys, under {@code otel.instrumentation.http}.
 */
@ConfigurationProperties("otel.instrumentation.http")
public class HttpTracingProperties {

	/**
	 * HTTP methods recorded as they are; any other method is recorded as "_OTHER" with the original in
	 * http.request.method_original. Defaults to the methods of RFC 9110 and PATCH.
	 */
	private List<String> knownMethods = new ArrayList<>(HttpMethods.DEFAULT_KNOWN_METHODS);

	private final Side server = new Side();

	private final Side client = new Side();

	public List<String> getKnownMethods() {
		return this.knownMethods;
	}

	public void setKnownMethods(List<String> knownMethods) {
		this.knownMethods = knownMethods;
	}

	public Side getServer() {
		return this.server;
	}

	public Side getClient() {
		return this.client;
	}

	/**
	 * Header capture for one side of the exchange.
	 */
	public static class Side {

		/**
		 * Request headers recorded as http.request.header.<name> attributes. Authorization, Cookie,
		 * Set-Cookie and Proxy-Authorization are never recorded, even when listed.
		 */
		private List<String> captureRequestHeaders = new ArrayList<>();

		/**
		 * Response headers recorded as http.response.header.<name> attributes. Authorization, Cookie,
		 * Set-Cookie and Proxy-Authorization are never recorded, even when listed.
		 */
		private List<String> captureResponseHeaders = new ArrayList<>();

		public List<String> getCaptureRequestHeaders() {
			return this.captureRequestHeaders;
		}

		public void setCaptureRequestHeaders(List<String> captureRequestHeaders) {
			this.captureRequestHeaders = captureRequestHeaders;
		}

		public List<String> getCaptureResponseHeaders() {
			return this.captureResponseHeaders;
		}

		public void setCaptureResponseHeaders(List<String> captureResponseHeaders) {
			this.captureResponseHeaders = captureResponseHeaders;
		}

	}

}
