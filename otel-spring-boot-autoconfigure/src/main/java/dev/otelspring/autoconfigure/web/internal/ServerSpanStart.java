package dev.otelspring.autoconfigure.web.internal;

import java.util.List;
import java.util.function.Function;

import dev.otelspring.autoconfigure.config.PathPattern;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;

/**
 * What the servlet and the WebFlux SERVER spans share when a request starts: the skip
 * paths, the optional request attributes (sanitized query, client address, user agent),
 * the captured request headers and the {@code traceresponse} header. Thread-safe.
 */
public final class ServerSpanStart {

	private final UrlSanitizer sanitizer;

	private final List<PathPattern> skipPaths;

	private final CapturedHeaders requestHeaders;

	private final boolean traceResponseHeader;

	/**
	 * Creates the start of the server spans of one instrumentation.
	 * @param sanitizer what removes secrets from query strings
	 * @param skipPaths the paths that get no span
	 * @param requestHeaders the request headers to record
	 * @param traceResponseHeader whether the answer carries a {@code traceresponse}
	 * header
	 */
	public ServerSpanStart(UrlSanitizer sanitizer, List<PathPattern> skipPaths, CapturedHeaders requestHeaders,
			boolean traceResponseHeader) {
		this.sanitizer = sanitizer;
		this.skipPaths = List.copyOf(skipPaths);
		this.requestHeaders = requestHeaders;
		this.traceResponseHeader = traceResponseHeader;
	}

	/**
	 * Returns whether a path gets no span.
	 * @param path the path within the application
	 * @return whether it matches a skip pattern
	 */
	public boolean isSkipped(String path) {
		for (PathPattern pattern : this.skipPaths) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Sets the request attributes that a request may lack.
	 * @param attributes where the attributes go
	 * @param rawQuery the raw query string, or {@code null}
	 * @param clientAddress the client's address, or {@code null}
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 */
	public void addOptionalAttributes(AttributeSetter attributes, String rawQuery, String clientAddress,
			String userAgent) {
		if (rawQuery != null) {
			attributes.set(UrlAttributes.URL_QUERY, this.sanitizer.sanitizeQuery(rawQuery));
		}
		if (clientAddress != null) {
			attributes.set(ClientAttributes.CLIENT_ADDRESS, clientAddress);
		}
		if (userAgent != null) {
			attributes.set(UserAgentAttributes.USER_AGENT_ORIGINAL, userAgent);
		}
	}

	/**
	 * Records the captured request headers on the started span.
	 * @param span the span
	 * @param headers the request's header values by name
	 */
	public void recordRequestHeaders(Span span, Function<String, List<String>> headers) {
		if (!this.requestHeaders.isEmpty()) {
			this.requestHeaders.record(span, headers);
		}
	}

	/**
	 * Returns the {@code traceresponse} header for the span, when it is configured.
	 * @param span the span
	 * @return the header's value, or {@code null} when none is to be sent
	 */
	public String traceResponse(Span span) {
		if (!this.traceResponseHeader) {
			return null;
		}
		SpanContext context = span.getSpanContext();
		return context.isValid()
				? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex()
				: null;
	}

}
