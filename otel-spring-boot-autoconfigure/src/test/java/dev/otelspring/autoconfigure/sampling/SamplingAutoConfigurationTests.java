package dev.otelspring.autoconfigure.sampling;

import java.util.List;

import dev.otelspring.autoconfigure.exporter.OtlpSpanExporterAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.test.StartupFailures;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, SamplingAutoConfiguration.class));

	@Test
	void rateLimitingSamplers() {
		this.runner.withPropertyValues("otel.traces.sampler=rate_limiting", "otel.traces.sampler.arg=25")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo("RateLimitingSampler{25.0/s}"));
		this.runner.withPropertyValues("otel.traces.sampler=parentbased_rate_limiting")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.startsWith("ParentBased{root:RateLimitingSampler{100.0/s}"));
	}

	@Test
	void callersSamplingDecisionIsFollowedUnlessTrustIsWithdrawn() {
		this.runner.run((context) -> {
			Sampler sampler = context.getBean(Sampler.class);
			assertThat(decide(sampler, false)).isEqualTo(SamplingDecision.DROP);
		});
		this.runner.withPropertyValues("otel.spring.sampling.trust-remote-parent=false").run((context) -> {
			Sampler sampler = context.getBean(Sampler.class);
			assertThat(decide(sampler, false)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		});
		// A client sending fresh sampled headers no longer bypasses the rate limit.
		this.runner
			.withPropertyValues("otel.traces.sampler=parentbased_rate_limiting", "otel.traces.sampler.arg=1",
					"otel.spring.sampling.trust-remote-parent=false")
			.run((context) -> {
				Sampler sampler = context.getBean(Sampler.class);
				assertThat(decide(sampler, true)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
				assertThat(decide(sampler, true)).isEqualTo(SamplingDecision.DROP);
			});
		this.runner.withPropertyValues("otel.traces.sampler=parentbased_rate_limiting", "otel.traces.sampler.arg=1")
			.run((context) -> {
				Sampler sampler = context.getBean(Sampler.class);
				assertThat(decide(sampler, true)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
				assertThat(decide(sampler, true)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
			});
	}

	private static SamplingDecision decide(Sampler sampler, boolean callerSampled) {
		SpanContext caller = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				callerSampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
		return sampler
			.shouldSample(Context.root().with(Span.wrap(caller)), caller.getTraceId(), "GET", SpanKind.SERVER,
					Attributes.empty(), List.of())
			.getDecision();
	}

	@Test
	void rulesWrapTheHeadSampler() {
		this.runner
			.withPropertyValues("otel.traces.sampler=always_on", "otel.spring.sampling.rules[0].action=drop",
					"otel.spring.sampling.rules[0].url-path=/actuator/**")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.startsWith("RuleBasedSampler{rules=[drop{kind=null, name=null, url.path=/actuator/**")
				.endsWith("fallback=AlwaysOnSampler}"));
	}

	@Test
	void tailSamplingSitsInFrontOfTheBatchProcessor() {
		this.runner.withPropertyValues("otel.spring.sampling.tail.enabled=true").run((context) -> {
			TailSamplingSpanProcessor tail = context.getBean(TailSamplingSpanProcessor.class);
			assertThat(tail.getDelegate()).isSameAs(context.getBean(BatchSpanProcessor.class));
			String provider = context.getBean(SdkTracerProvider.class).toString();
			assertThat(provider).contains("TailSamplingSpanProcessor");
			// The batch processor is reached only through tail sampling.
			assertThat(provider.split("BatchSpanProcessor\\{", -1)).hasSize(2);
		});
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TailSamplingSpanProcessor.class));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"otel.traces.sampler=rate_limiting,otel.traces.sampler.arg=0|otel.traces.sampler.arg",
			"otel.traces.sampler=rate_limiting,otel.traces.sampler.arg=lots|otel.traces.sampler.arg",
			"otel.spring.sampling.rules[0].url-path=/x|otel.spring.sampling.rules[0].action",
			"otel.spring.sampling.rules[0].action=drop|otel.spring.sampling.rules[0]",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.baseline-ratio=2|otel.spring.sampling.tail.baseline-ratio",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.baseline-rate=-1|otel.spring.sampling.tail.baseline-rate",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.max-traces=0|otel.spring.sampling.tail.max-traces",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.decision-wait=-1s|otel.spring.sampling.tail.decision-wait",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.slow-threshold=0s|otel.spring.sampling.tail.slow-threshold",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.slow-threshold=30s|otel.spring.sampling.tail.slow-threshold",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.max-bytes=1KB|otel.spring.sampling.tail.max-bytes",
			"otel.spring.sampling.tail.enabled=true,otel.spring.sampling.tail.max-bytes=lots|otel.spring.sampling.tail.max-bytes",
			"otel.spring.sampling.rules[0].action=drop,otel.spring.sampling.rules[0].url-path=/api/*/orders|otel.spring.sampling.rules[0].url-path" })
	void invalidValuesNameTheKey(String properties, String key) {
		this.runner.withPropertyValues(properties.split(",(?=otel)"))
			.run((context) -> assertThat(StartupFailures.invalidProperty(context).getProperty()).isEqualTo(key));
	}

	@Test
	void unknownRuleActionIsABindingErrorListingTheValidValues() {
		this.runner
			.withPropertyValues("otel.spring.sampling.rules[0].action=maybe",
					"otel.spring.sampling.rules[0].url-path=/x")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("otel.spring.sampling.rules[0].action")
					.hasStackTraceContaining("maybe");
			});
	}

}
