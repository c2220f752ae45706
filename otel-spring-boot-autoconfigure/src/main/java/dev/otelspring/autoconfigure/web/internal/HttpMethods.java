package dev.otelspring.autoconfigure.web.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.HttpAttributes;

/**
 * Starts HTTP spans, server or client, with what both sides record the same way: the span
 * name and {@code http.request.method}, normalised as the semantic conventions ask (a
 * known method is kept, any other becomes {@code _OTHER} with the original in
 * {@code http.request.method_original} and the span is named {@code HTTP}). Immutable and
 * thread-safe.
 */
public final class HttpMethods {

	/** The value recorded for a method that is not known. */
	public static final String OTHER = "_OTHER";

	private static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");

	private final Set<String> known;

	/**
	 * Creates an instance that knows the given methods.
	 * @param known the known methods, any case
	 */
	public HttpMethods(Collection<String> known) {
		this.known = known.stream().map((method) -> method.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
	}

	/**
	 * Returns whether the method is known, exactly as given (methods are case-sensitive).
	 * @param method the request's method
	 * @return whether it is known
	 */
	public boolean isKnown(String method) {
		return method != null && this.known.contains(method);
	}

	/**
	 * Returns a span builder named and attributed for the request's method.
	 * @param tracer the tracer
	 * @param method the request's method
	 * @param kind {@link SpanKind#SERVER} or {@link SpanKind#CLIENT}
	 * @return the builder, not yet started
	 */
	public SpanBuilder spanBuilder(Tracer tracer, String method, SpanKind kind) {
		return spanBuilder(tracer, method, isKnown(method), kind);
	}

	/**
	 * Returns a span builder named and attributed for the request's method, for a caller
	 * that has already looked the method up.
	 * @param tracer the tracer
	 * @param method the request's method
	 * @param isKnown whether {@link #isKnown(String)} is true for the method
	 * @param kind {@link SpanKind#SERVER} or {@link SpanKind#CLIENT}
	 * @return the builder, not yet started
	 */
	public SpanBuilder spanBuilder(Tracer tracer, String method, boolean isKnown, SpanKind kind) {
		SpanBuilder builder = tracer.spanBuilder(spanName(method, isKnown)).setSpanKind(kind);
		setAttributes(builder::setAttribute, method, isKnown);
		return builder;
	}

	/**
	 * Sets the method's attributes: on a builder, or on a span started without them.
	 * @param attributes where the attributes go
	 * @param method the request's method
	 * @param isKnown whether {@link #isKnown(String)} is true for the method
	 */
	public void setAttributes(AttributeSetter attributes, String method, boolean isKnown) {
		attributes.set(HttpAttributes.HTTP_REQUEST_METHOD, isKnown ? method : OTHER);
		if (!isKnown) {
			attributes.set(METHOD_ORIGINAL, method);
		}
	}

	/**
	 * Starts the span of a request without attributes, named as a recorded one would be:
	 * for a request whose parent was not sampled, since the sampler drops it whatever
	 * they say, or for one whose attributes are set only once it records
	 * ({@link dev.otelspring.autoconfigure.internal.UnsampledParents}).
	 * @param tracer the tracer
	 * @param method the request's method
	 * @param isKnown whether {@link #isKnown(String)} is true for the method
	 * @param kind {@link SpanKind#SERVER} or {@link SpanKind#CLIENT}
	 * @param parent the parent context
	 * @return the started span
	 */
	public Span startWithoutAttributes(Tracer tracer, String method, boolean isKnown, SpanKind kind, Context parent) {
		return tracer.spanBuilder(spanName(method, isKnown)).setSpanKind(kind).setParent(parent).startSpan();
	}

	private static String spanName(String method, boolean isKnown) {
		return isKnown ? method : "HTTP";
	}

}
