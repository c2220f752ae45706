package dev.otelspring.autoconfigure.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapturedHeadersTests {

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.spans))
		.build();

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void requestHeadersAreRecordedAsStringArraysUnderTheirLowerCaseName() {
		CapturedHeaders headers = CapturedHeaders.requestHeaders(List.of("X-Request-Id", " Accept "));
		List<String> asked = new ArrayList<>();
		Attributes attributes = record((span) -> headers.record(span, (name) -> {
			asked.add(name);
			return name.equals("x-request-id") ? List.of("abc") : List.of("text/html", "application/json");
		}));
		assertThat(asked).containsExactly("x-request-id", "accept");
		assertThat(attributes.asMap()).containsOnly(
				Map.entry(AttributeKey.stringArrayKey("http.request.header.x-request-id"), List.of("abc")),
				Map.entry(AttributeKey.stringArrayKey("http.request.header.accept"),
						List.of("text/html", "application/json")));
	}

	@Test
	void responseHeadersAreRecordedUnderTheResponsePrefix() {
		CapturedHeaders headers = CapturedHeaders.responseHeaders(List.of("Content-Type"));
		Attributes attributes = record((span) -> headers.record(span, (name) -> List.of("text/plain")));
		assertThat(attributes.get(AttributeKey.stringArrayKey("http.response.header.content-type")))
			.containsExactly("text/plain");
		assertThat(attributes.size()).isOne();
	}

	@Test
	void duplicatesInAnyCaseAreCapturedOnce() {
		CapturedHeaders headers = CapturedHeaders.requestHeaders(List.of("X-Id", "x-id", " X-ID "));
		List<String> asked = new ArrayList<>();
		Attributes attributes = record((span) -> headers.record(span, (name) -> {
			asked.add(name);
			return List.of("1");
		}));
		assertThat(asked).containsExactly("x-id");
		assertThat(attributes.size()).isOne();
	}

	@Test
	void credentialsAreNeverCaptured() {
		CapturedHeaders headers = CapturedHeaders
			.requestHeaders(List.of("Authorization", "COOKIE", "Set-Cookie", " proxy-authorization ", "X-Visible"));
		List<String> asked = new ArrayList<>();
		Attributes attributes = record((span) -> headers.record(span, (name) -> {
			asked.add(name);
			return List.of("secret");
		}));
		assertThat(asked).containsExactly("x-visible");
		assertThat(attributes.asMap()).containsOnlyKeys(AttributeKey.stringArrayKey("http.request.header.x-visible"));
		CapturedHeaders onlyCredentials = CapturedHeaders
			.responseHeaders(List.of("Authorization", "Cookie", "Set-Cookie", "Proxy-Authorization"));
		assertThat(onlyCredentials.isEmpty()).isTrue();
	}

	@Test
	void blankNamesAreIgnored() {
		assertThat(CapturedHeaders.requestHeaders(List.of("", "  ")).isEmpty()).isTrue();
		assertThat(CapturedHeaders.requestHeaders(List.of()).isEmpty()).isTrue();
		assertThat(CapturedHeaders.requestHeaders(List.of("", "X-Id")).isEmpty()).isFalse();
	}

	@Test
	void absentHeadersRecordNothing() {
		CapturedHeaders headers = CapturedHeaders.requestHeaders(List.of("X-Missing", "X-Empty", "X-Present"));
		Attributes attributes = record((span) -> headers.record(span, (name) -> switch (name) {
			case "x-missing" -> null;
			case "x-empty" -> List.of();
			default -> List.of("here");
		}));
		assertThat(attributes.asMap()).containsOnlyKeys(AttributeKey.stringArrayKey("http.request.header.x-present"));
	}

	private Attributes record(Consumer<Span> recorder) {
		Span span = this.provider.get("test").spanBuilder("request").startSpan();
		recorder.accept(span);
		span.end();
		assertThat(this.spans.getFinishedSpanItems()).hasSize(1);
		return this.spans.getFinishedSpanItems().get(0).getAttributes();
	}

}
