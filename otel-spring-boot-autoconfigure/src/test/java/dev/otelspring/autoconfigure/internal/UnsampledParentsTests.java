package dev.otelspring.autoconfigure.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.otelspring.autoconfigure.exporter.OtlpSpanExporterAutoConfiguration;
import dev.otelspring.autoconfigure.sampling.SamplingAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link UnsampledParents} claims is checked against what the SDK, set up by the
 * auto-configuration, then does: a span it says is dropped must not record, for every
 * sampler the starter builds from {@code otel.traces.sampler} and every kind of parent.
 */
class UnsampledParentsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, SamplingAutoConfiguration.class))
		.withPropertyValues("otel.traces.exporter=none");

	/**
	 * Which parents each configuration is known to follow when they were not sampled:
	 * {@code local} a span of this process, {@code remote} a caller's.
	 * @param sampler the {@code otel.traces.sampler} value
	 * @param trustRemoteParent the {@code otel.spring.sampling.trust-remote-parent} value
	 * @param local whether an unsampled local parent is known to drop its child
	 * @param remote whether an unsampled remote parent is
	 */
	@ParameterizedTest
	@CsvSource({ "parentbased_always_on, true, true, true", "parentbased_always_on, false, true, false",
			"parentbased_traceidratio, true, true, true", "parentbased_traceidratio, false, true, false",
			"parentbased_rate_limiting, true, true, true", "parentbased_rate_limiting, false, true, false",
			"parentbased_always_off, true, true, true", "rate_limiting, true, true, false",
			"always_on, true, false, false", "traceidratio, true, false, false", "always_off, true, false, false" })
	void claimsMatchTheSdksDecisions(String sampler, boolean trustRemoteParent, boolean local, boolean remote) {
		this.runner
			.withPropertyValues("otel.traces.sampler=" + sampler, "otel.traces.sampler.arg=0.5",
					"otel.spring.sampling.trust-remote-parent=" + trustRemoteParent)
			.run((context) -> {
				OpenTelemetrySdk sdk = context.getBean(OpenTelemetrySdk.class);
				UnsampledParents unsampledParents = UnsampledParents.of(sdk);
				Map<Context, Boolean> expected = new LinkedHashMap<>();
				expected.put(Context.root(), false);
				expected.put(parent(false, true), false);
				expected.put(parent(true, true), false);
				expected.put(parent(false, false), local);
				expected.put(parent(true, false), remote);
				expected.forEach((parent, dropped) -> {
					assertThat(unsampledParents.dropsChildOf(parent)).as("%s with %s", sampler, parent)
						.isEqualTo(dropped);
					if (dropped) {
						for (int i = 0; i < 100; i++) {
							Span child = sdk.getTracer("test").spanBuilder("child").setParent(parent).startSpan();
							assertThat(child.isRecording()).isFalse();
							assertThat(child.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
						}
					}
				});
			});
	}

	/**
	 * Which configurations let attributes wait until a span records: those that drop
	 * traces at the root by a rule blind to attributes. Where every root is recorded, or
	 * nothing is known of the sampler, attributes come before the decision.
	 * @param sampler the {@code otel.traces.sampler} value
	 * @param arg the {@code otel.traces.sampler.arg} value
	 * @param afterStart whether attributes may be set after the span starts
	 */
	@ParameterizedTest
	@CsvSource({ "parentbased_traceidratio, 0.5, true", "parentbased_traceidratio, 1.0, false",
			"parentbased_rate_limiting, 10, true", "rate_limiting, 10, true", "parentbased_always_off, 0, true",
			"parentbased_always_on, 0, false", "always_on, 0, false", "traceidratio, 0.5, false",
			"always_off, 0, false" })
	void attributesWaitOnlyWhereRootsAreDroppedWithoutLookingAtThem(String sampler, String arg, boolean afterStart) {
		this.runner.withPropertyValues("otel.traces.sampler=" + sampler, "otel.traces.sampler.arg=" + arg)
			.run((context) -> assertThat(
					UnsampledParents.of(context.getBean(OpenTelemetrySdk.class)).attributesAfterStart())
				.as(sampler)
				.isEqualTo(afterStart));
	}

	@Test
	void attributesComeFirstWithSamplingRules() {
		this.runner
			.withPropertyValues("otel.traces.sampler=parentbased_traceidratio", "otel.traces.sampler.arg=0.1",
					"otel.spring.sampling.rules[0].action=sample", "otel.spring.sampling.rules[0].url-path=/api/**")
			.run((context) -> assertThat(
					UnsampledParents.of(context.getBean(OpenTelemetrySdk.class)).attributesAfterStart())
				.isFalse());
	}

	@Test
	void nothingIsKnownWithSamplingRules() {
		this.runner
			.withPropertyValues("otel.spring.sampling.rules[0].action=sample",
					"otel.spring.sampling.rules[0].url-path=/api/**")
			.run((context) -> assertThat(
					UnsampledParents.of(context.getBean(OpenTelemetrySdk.class)).dropsChildOf(parent(false, true)))
				.isFalse());
	}

	@Test
	void nothingIsKnownOfAnApplicationsSampler() {
		this.runner.withBean(Sampler.class, () -> Sampler.parentBased(Sampler.alwaysOn()))
			.run((context) -> assertThat(
					UnsampledParents.of(context.getBean(OpenTelemetrySdk.class)).dropsChildOf(parent(false, true)))
				.isFalse());
	}

	@Test
	void nothingIsKnownOfAnotherOpenTelemetry() {
		assertThat(UnsampledParents.of(OpenTelemetry.noop()).dropsChildOf(parent(false, true))).isFalse();
	}

	@Test
	void theSamplerDescribesItselfAsTheSdksDoes() {
		this.runner.withPropertyValues("otel.traces.sampler=parentbased_traceidratio", "otel.traces.sampler.arg=0.25")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)).getDescription()));
	}

	private static Context parent(boolean remote, boolean sampled) {
		TraceFlags flags = sampled ? TraceFlags.getSampled() : TraceFlags.getDefault();
		SpanContext spanContext = remote
				? SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7", flags, TraceState.getDefault())
				: SpanContext.create(TRACE_ID, "00f067aa0ba902b7", flags, TraceState.getDefault());
		return Context.root().with(Span.wrap(spanContext));
	}

}
