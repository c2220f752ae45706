package dev.otelspring.test;

import java.util.Collection;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Spans and exporters for tests of what happens around export.
 */
public final class TestSpans {

	private TestSpans() {
	}

	/**
	 * Returns an ended span with the least data an exporter accepts.
	 * @return the span
	 */
	public static SpanData ended() {
		return TestSpanData.builder()
			.setName("span")
			.setKind(SpanKind.INTERNAL)
			.setStatus(StatusData.unset())
			.setStartEpochNanos(1)
			.setEndEpochNanos(2)
			.setHasEnded(true)
			.build();
	}

	/**
	 * Returns an exporter whose every export fails.
	 * @return the exporter
	 */
	public static SpanExporter failingExporter() {
		return new SpanExporter() {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				return CompletableResultCode.ofFailure();
			}

			@Override
			public CompletableResultCode flush() {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode shutdown() {
				return CompletableResultCode.ofSuccess();
			}

		};
	}

}
