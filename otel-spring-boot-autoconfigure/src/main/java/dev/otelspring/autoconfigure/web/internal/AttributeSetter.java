package dev.otelspring.autoconfigure.web.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Where a request's attributes go: a span's builder before the sampler decides
 * ({@code builder::setAttribute}), or the started span once it is known to record
 * ({@code span::setAttribute}).
 */
@FunctionalInterface
public interface AttributeSetter {

	/**
	 * Sets one attribute.
	 * @param <T> the type of the value
	 * @param key the attribute's key
	 * @param value the attribute's value; {@code null} sets nothing, as with the SDK's
	 * builder and span
	 */
	<T> void set(AttributeKey<T> key, T value);

}
