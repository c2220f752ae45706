package dev.otelspring.autoconfigure.aop;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * Converts a Java value to a span attribute under one key: booleans, whole and
 * floating-point numbers and strings, and arrays and collections of them, keep their
 * types; anything else is recorded with {@code toString()}. The scalar keys are made
 * once, so recording a scalar allocates no key. Immutable and thread-safe.
 */
final class AttributeValue {

	private final String key;

	private final AttributeKey<String> stringKey;

	private final AttributeKey<Long> longKey;

	private final AttributeKey<Double> doubleKey;

	private final AttributeKey<Boolean> booleanKey;

	AttributeValue(String key) {
		this.key = key;
		this.stringKey = AttributeKey.stringKey(key);
		this.longKey = AttributeKey.longKey(key);
		this.doubleKey = AttributeKey.doubleKey(key);
		this.booleanKey = AttributeKey.booleanKey(key);
	}

	/**
	 * Sets the value on the span builder with the matching attribute type.
	 * @param builder the span builder
	 * @param value the value, not {@code null}
	 */
	void set(SpanBuilder builder, Object value) {
		if (value instanceof String string) {
			builder.setAttribute(this.stringKey, string);
		}
		else if (isWhole(value)) {
			builder.setAttribute(this.longKey, ((Number) value).longValue());
		}
		else if (isFloating(value)) {
			builder.setAttribute(this.doubleKey, ((Number) value).doubleValue());
		}
		else if (value instanceof Boolean bool) {
			builder.setAttribute(this.booleanKey, bool);
		}
		else {
			setArray(builder, value);
		}
	}

	/**
	 * Arrays, collections and anything else: kept out of {@link #set} so that it stays
	 * small.
	 * @param builder the builder
	 * @param value the value
	 */
	private void setArray(SpanBuilder builder, Object value) {
		if (value instanceof long[] longs) {
			builder.setAttribute(AttributeKey.longArrayKey(this.key), Arrays.stream(longs).boxed().toList());
		}
		else if (value instanceof int[] ints) {
			builder.setAttribute(AttributeKey.longArrayKey(this.key),
					Arrays.stream(ints).asLongStream().boxed().toList());
		}
		else if (value instanceof double[] doubles) {
			builder.setAttribute(AttributeKey.doubleArrayKey(this.key), Arrays.stream(doubles).boxed().toList());
		}
		else if (value instanceof boolean[] booleans) {
			Boolean[] boxed = new Boolean[booleans.length];
			for (int i = 0; i < booleans.length; i++) {
				boxed[i] = booleans[i];
			}
			builder.setAttribute(AttributeKey.booleanArrayKey(this.key), Arrays.asList(boxed));
		}
		else if (value instanceof String[] strings) {
			builder.setAttribute(AttributeKey.stringArrayKey(this.key), Arrays.asList(strings));
		}
		else if (value instanceof Object[] objects) {
			builder.setAttribute(AttributeKey.stringArrayKey(this.key),
					Arrays.stream(objects).map(String::valueOf).toList());
		}
		else if (value instanceof Collection<?> collection) {
			setCollection(builder, collection);
		}
		else {
			builder.setAttribute(this.stringKey, String.valueOf(value));
		}
	}

	private void setCollection(SpanBuilder builder, Collection<?> collection) {
		boolean allWhole = !collection.isEmpty();
		boolean allFloating = !collection.isEmpty();
		boolean allBooleans = !collection.isEmpty();
		for (Object element : collection) {
			allWhole &= isWhole(element);
			allFloating &= isFloating(element);
			allBooleans &= element instanceof Boolean;
		}
		if (allWhole) {
			builder.setAttribute(AttributeKey.longArrayKey(this.key),
					collection.stream().map((element) -> ((Number) element).longValue()).toList());
		}
		else if (allFloating) {
			builder.setAttribute(AttributeKey.doubleArrayKey(this.key),
					collection.stream().map((element) -> ((Number) element).doubleValue()).toList());
		}
		else if (allBooleans) {
			List<Boolean> booleans = collection.stream().map(Boolean.class::cast).toList();
			builder.setAttribute(AttributeKey.booleanArrayKey(this.key), booleans);
		}
		else {
			builder.setAttribute(AttributeKey.stringArrayKey(this.key),
					collection.stream().map(String::valueOf).toList());
		}
	}

	private static boolean isWhole(Object value) {
		return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
	}

	private static boolean isFloating(Object value) {
		return value instanceof Double || value instanceof Float;
	}

}
