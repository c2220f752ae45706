package dev.otelspring.autoconfigure.aop;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exception message may hold client input: the status description takes a bounded part
 * of it, whatever the attribute limits; the exception event keeps the rest.
 */
class TracedSpansTests {

	@Test
	void theStatusDescriptionIsBounded() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			var span = provider.get("test").spanBuilder("work").startSpan();
			TracedSpans.fail(span, new IllegalArgumentException("x".repeat(100_000)));
			TracedSpans.end(span);
			SpanData ended = exporter.getFinishedSpanItems().get(0);
			assertThat(ended.getStatus().getDescription()).hasSize(TracedSpans.MAX_DESCRIPTION_LENGTH).endsWith("…");
			assertThat(ended.getEvents()).hasSize(1);
		}
	}

	@Test
	void shortAndMissingMessagesAreKept() {
		assertThat(TracedSpans.description("declined")).isEqualTo("declined");
		assertThat(TracedSpans.description(null)).isEmpty();
	}

}
