package dev.otelspring.autoconfigure.web.internal;

import java.util.List;
import java.util.function.Function;

import dev.otelspring.autoconfigure.config.PathPattern;
import dev.otelspring.autoconfigure.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the servlet and the WebFlux SERVER spans share when a request starts: the skip
 * paths, starting the span with the request's attributes, the optional request attributes
 * (sanitized query, client address, user agent), the captured request headers and the
 * {@code traceresponse} header. Thread-safe.
 */
public final class ServerSpanStart {

	private static final Log logger = LogFactory.getLog(ServerSpanStart.class);

	private final Tracer tracer;

	private final HttpMethods methods;

	private final UnsampledParents unsampledParents;

	private final UrlSanitizer sanitizer;

	private final List<PathPattern> skipPaths;

	private final CapturedHeaders requestHeaders;

	private final boolean traceResponseHeader;

	/**
	 * Creates the start of the server spans of one instrumentation.
	 * @param openTelemetry where the spans go
	 * @param instrumentationName the name of the instrumentation's tracer
	 * @param methods the known request methods
	 * @param sanitizer what removes secrets from query strings
	 * @param skipPaths the paths that get no span
	 * @param requestHeaders the request headers to record
	 * @param traceResponseHeader whether the answer carries a {@code traceresponse}
	 * header
	 */
	public ServerSpanStart(OpenTelemetry openTelemetry, String instrumentationName, HttpMethods methods,
			UrlSanitizer sanitizer, List<PathPattern> skipPaths, CapturedHeaders requestHeaders,
			boolean traceResponseHeader) {
		this.tracer = openTelemetry.getTracer(instrumentationName);
		this.methods = methods;
		this.unsampledParents = UnsampledParents.of(openTelemetry);
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
	 * Starts the SERVER span of a request. Its attributes are set before the sampler
	 * decides, unless the sampler is known to decide without them: then the span starts
	 * with its name alone and gets them only if it records (a child of an unsampled
	 * parent never does; a span that starts its trace at a ratio or a rate seldom does).
	 * @param <R> the type of the request
	 * @param parent the caller's context
	 * @param method the request's method
	 * @param known whether the method is a known one
	 * @param request the request
	 * @param path the request's path without path parameters
	 * @param attributes what reads the request's attributes
	 * @return the started span
	 */
	public <R> Span start(Context parent, String method, boolean known, R request, String path,
			RequestAttributes<R> attributes) {
		if (this.unsampledParents.dropsChildOf(parent) || this.unsampledParents.attributesAfterStart()) {
			Span span = this.methods.startWithoutAttributes(this.tracer, method, known, SpanKind.SERVER, parent);
			if (span.isRecording()) {
				try {
					this.methods.setAttributes(span::setAttribute, method, known);
					attributes.set(span::setAttribute, request, path);
				}
				catch (RuntimeException | LinkageError ex) {
					// The span is started: it keeps what it has and ends with the
					// request.
					logger.debug("Could not read the request's attributes", ex);
				}
			}
			return span;
		}
		SpanBuilder builder = this.methods.spanBuilder(this.tracer, method, known, SpanKind.SERVER).setParent(parent);
		attributes.set(builder::setAttribute, request, path);
		return builder.startSpan();
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

	/**
	 * Reads a request's attributes (those every SERVER span has, and
	 * {@link #addOptionalAttributes}) into a span's builder or a started span.
	 *
	 * @param <R> the type of the request
	 */
	@FunctionalInterface
	public interface RequestAttributes<R> {

		/**
		 * Sets the request's attributes.
		 * @param attributes where the attributes go
		 * @param request the request
		 * @param path the request's path without path parameters
		 */
		void set(AttributeSetter attributes, R request, String path);

	}

}
