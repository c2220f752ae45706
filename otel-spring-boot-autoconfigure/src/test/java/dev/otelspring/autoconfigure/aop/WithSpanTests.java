package dev.otelspring.autoconfigure.aop;

import java.time.Duration;
import java.util.List;

import dev.otelspring.annotation.Traced;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Code instrumented for the official starter: its {@code @WithSpan} and
 * {@code @SpanAttribute} make the same spans as {@code @Traced} and this starter's
 * {@code @SpanAttribute}.
 */
class WithSpanTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, TracedAutoConfiguration.class))
		.withPropertyValues("otel.traces.exporter=none", "otel.bsp.schedule.delay=10ms")
		.withBean(SpanExporter.class, () -> this.exporter)
		.withBean(Migrated.class)
		.withBean(Native.class);

	@Test
	void withSpanMakesTheSameSpanAsTraced() {
		this.runner.run((context) -> {
			context.getBean(Migrated.class).charge("o-7", 42L);
			context.getBean(Native.class).charge("o-7", 42L);
			context.getBean(Migrated.class).refund("o-7");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.exporter.getFinishedSpanItems().size() == 3);
			List<SpanData> spans = this.exporter.getFinishedSpanItems();
			SpanData migrated = spans.get(0);
			SpanData nativeSpan = spans.get(1);
			assertThat(migrated.getName()).isEqualTo(nativeSpan.getName()).isEqualTo("charge-card");
			assertThat(migrated.getKind()).isEqualTo(nativeSpan.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(migrated.getAttributes().asMap().toString()).contains("order.id=o-7", "amount=42");
			assertThat(nativeSpan.getAttributes().asMap().toString()).contains("order.id=o-7", "amount=42");
			assertThat(spans.get(2).getName()).isEqualTo("Migrated.refund");
			assertThat(spans.get(2).getKind()).isEqualTo(SpanKind.INTERNAL);
		});
	}

	@Test
	void anExceptionIsRecordedAndRethrownUnchanged() {
		this.runner.run((context) -> {
			assertThatIllegalStateException().isThrownBy(() -> context.getBean(Migrated.class).refund(null))
				.withMessage("no order");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.exporter.getFinishedSpanItems().size() == 1);
			assertThat(this.exporter.getFinishedSpanItems().get(0).getEvents())
				.anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
		});
	}

	public static class Migrated {

		@WithSpan(value = "charge-card", kind = SpanKind.CLIENT)
		public String charge(@SpanAttribute("order.id") String orderId, @SpanAttribute("amount") long amount) {
			return orderId;
		}

		@WithSpan
		public void refund(@SpanAttribute("order.id") String orderId) {
			if (orderId == null) {
				throw new IllegalStateException("no order");
			}
		}

	}

	public static class Native {

		@Traced(value = "charge-card", kind = SpanKind.CLIENT)
		public String charge(@dev.otelspring.annotation.SpanAttribute("order.id") String orderId,
				@dev.otelspring.annotation.SpanAttribute("amount") long amount) {
			return orderId;
		}

	}

}
