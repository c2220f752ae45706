package dev.otelspring.autoconfigure.sampling;

import java.util.Random;
import java.util.function.BooleanSupplier;

import dev.otelspring.autoconfigure.config.ConditionalOnEnabledFeature;
import dev.otelspring.autoconfigure.config.ConditionalOnEnabledOpenTelemetry;
import dev.otelspring.autoconfigure.config.SamplerSettings;
import dev.otelspring.autoconfigure.config.SamplingProperties;
import dev.otelspring.autoconfigure.config.StarterFeature;
import dev.otelspring.autoconfigure.sdk.OpenTelemetrySdkAutoConfiguration;
import dev.otelspring.autoconfigure.sdk.SpringBootOpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of sampling: the head {@link Sampler} named by
 * {@code otel.traces.sampler}, behind the rules of {@code otel.spring.sampling.rules},
 * and, with {@code otel.spring.sampling.tail.enabled=true}, a
 * {@link TailSamplingSpanProcessor} in front of the batch span processor. A
 * {@link Sampler} bean of the application's replaces ours.
 */
@AutoConfiguration(after = OpenTelemetrySdkAutoConfiguration.class,
		beforeName = { SpringBootOpenTelemetry.BOOT3_TRACING, SpringBootOpenTelemetry.BOOT4_TRACING })
@ConditionalOnClass(SdkTracerProvider.class)
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnBean(name = "otelSdkTracerProvider")
public final class SamplingAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	SamplerSettings otelSamplerSettings(Environment environment) {
		return SamplerSettings.from(environment);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	SamplingProperties otelSamplingProperties(Environment environment) {
		return SamplingProperties.from(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	Sampler otelSampler(SamplerSettings settings, SamplingProperties sampling) {
		return SamplerFactory.create(settings, sampling);
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	@ConditionalOnBean(BatchSpanProcessor.class)
	@ConditionalOnEnabledFeature(StarterFeature.TAIL_SAMPLING)
	TailSamplingSpanProcessor otelTailSamplingSpanProcessor(SamplingProperties sampling,
			BatchSpanProcessor batchSpanProcessor) {
		SamplingProperties.Tail tail = sampling.tail();
		TailSamplingPolicy policy = new TailSamplingPolicy(tail.keepErrors(), tail.slowThreshold(),
				tail.keepAttributes(), baseline(tail));
		return new TailSamplingSpanProcessor(batchSpanProcessor, policy, tail.decisionWait(), tail.maxTraceAge(),
				tail.maxTraces(), tail.maxSpans(), tail.maxBytes().toBytes(), tail.slowThreshold() != null,
				System::nanoTime, true);
	}

	private static BooleanSupplier baseline(SamplingProperties.Tail tail) {
		if (tail.baselineRate() != null) {
			RateLimitingSampler limiter = new RateLimitingSampler(tail.baselineRate());
			return limiter::tryAcquire;
		}
		double ratio = tail.baselineRatio();
		Random random = new Random();
		return () -> ratio >= 1 || (ratio > 0 && random.nextDouble() < ratio);
	}

}
