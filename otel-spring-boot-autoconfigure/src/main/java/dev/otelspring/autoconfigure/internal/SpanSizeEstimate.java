package dev.otelspring.autoconfigure.internal;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * An estimate of the heap an ended span holds: a fixed cost for the span and for each
 * attribute, event and link, plus the length of every string in it (names, attribute keys
 * and values, the status description, recorded stack traces). It errs on the high side
 * for short strings and is close for long ones, which are what make a span large. Tail
 * sampling and the trace view bound their memory with it.
 */
public final class SpanSizeEstimate {

	private static final long SPAN = 320;

	private static final long ENTRY = 56;

	private static final long EVENT = 72;

	private static final long LINK = 112;

	private static final long STRING = 40;

	private SpanSizeEstimate() {
	}

	/**
	 * Returns the estimated bytes of an ended span.
	 * @param span the span
	 * @return the estimate, in bytes
	 */
	public static long of(ReadableSpan span) {
		return of(span.toSpanData());
	}

	/**
	 * Returns the estimated bytes of an ended span's data.
	 * @param data the span's data
	 * @return the estimate, in bytes
	 */
	public static long of(SpanData data) {
		long bytes = SPAN + string(data.getName()) + string(data.getStatus().getDescription())
				+ attributes(data.getAttributes());
		for (EventData event : data.getEvents()) {
			bytes += EVENT + string(event.getName()) + attributes(event.getAttributes());
		}
		for (LinkData link : data.getLinks()) {
			bytes += LINK + attributes(link.getAttributes());
		}
		return bytes;
	}

	private static long attributes(Attributes attributes) {
		long[] bytes = { 0 };
		attributes.forEach((key, value) -> bytes[0] += ENTRY + string(key.getKey()) + value(value));
		return bytes[0];
	}

	private static long value(Object value) {
		if (value instanceof String text) {
			return string(text);
		}
		if (value instanceof List<?> list) {
			long bytes = 16L + 8L * list.size();
			for (Object element : list) {
				bytes += value(element);
			}
			return bytes;
		}
		return 16;
	}

	private static long string(String text) {
		return (text != null) ? STRING + text.length() : 0;
	}

}
