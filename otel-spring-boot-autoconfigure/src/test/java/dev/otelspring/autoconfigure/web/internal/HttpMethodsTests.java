package dev.otelspring.autoconfigure.web.internal;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HttpMethodsTests {

	private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");

	private static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");

	private final HttpMethods methods = new HttpMethods(List.of("GET", "POST", "delete", " Patch "));

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.spans))
		.build();

	@AfterEach
	void close() {
		this.provider.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST", "DELETE", "PATCH" })
	void aKnownMethodNamesTheSpan(String method) {
		assertThat(this.methods.isKnown(method)).isTrue();
		SpanData span = start(method, SpanKind.SERVER);
		assertThat(span.getName()).isEqualTo(method);
		assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(span.getAttributes().get(METHOD)).isEqualTo(method);
		assertThat(span.getAttributes().get(METHOD_ORIGINAL)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "PURGE", "get", "Post", "GET " })
	void anUnknownMethodIsOtherWithTheOriginalKept(String method) {
		assertThat(this.methods.isKnown(method)).isFalse();
		SpanData span = start(method, SpanKind.CLIENT);
		assertThat(span.getName()).isEqualTo("HTTP");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getAttributes().get(METHOD)).isEqualTo(HttpMethods.OTHER).isEqualTo("_OTHER");
		assertThat(span.getAttributes().get(METHOD_ORIGINAL)).isEqualTo(method);
	}

	@Test
	void noMethodIsNotKnown() {
		assertThat(this.methods.isKnown(null)).isFalse();
		assertThat(new HttpMethods(List.of()).isKnown("GET")).isFalse();
	}

	private SpanData start(String method, SpanKind kind) {
		this.methods.spanBuilder(this.provider.get("test"), method, kind).startSpan().end();
		assertThat(this.spans.getFinishedSpanItems()).hasSize(1);
		return this.spans.getFinishedSpanItems().get(0);
	}

}
