package dev.otelspring.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import dev.otelspring.autoconfigure.sampling.StarterSamplers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * The SDK as the starter builds it by default (the starter's parent-based always-on
 * sampler, a batch span processor with the SDK's default settings), exporting to an
 * exporter that counts and discards, so that the benchmarks measure the instrumentation
 * and the SDK, not a network.
 */
public final class BenchmarkTracing {

	private BenchmarkTracing() {
	}

	/** Counts what reaches the exporter. */
	public static final class DiscardingExporter implements SpanExporter {

		public final LongAdder exported = new LongAdder();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exported.add(spans.size());
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	/**
	 * Counts the spans that end, on the thread that ends them: no export worker competes
	 * for the second core and no queue fills up and starts dropping, so that two ways of
	 * making the same span can be told apart by a few nanoseconds.
	 */
	public static final class CountingProcessor implements SpanProcessor {

		public final LongAdder ended = new LongAdder();

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.ended.increment();
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

	public static BatchSpanProcessor batchProcessor() {
		return BatchSpanProcessor.builder(new DiscardingExporter()).build();
	}

	public static OpenTelemetrySdk sdk(SpanProcessor processor) {
		return sdk(processor, StarterSamplers.defaults());
	}

	/**
	 * An SDK like {@link #sdk(SpanProcessor)} with another sampler.
	 * @param processor the span processor
	 * @param sampler the sampler
	 * @return the SDK
	 */
	public static OpenTelemetrySdk sdk(SpanProcessor processor, Sampler sampler) {
		return OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder().setSampler(sampler).addSpanProcessor(processor).build())
			.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
			.build();
	}

	public static OpenTelemetrySdk sdk() {
		return sdk(batchProcessor());
	}

	/**
	 * An SDK like {@link #sdk()} that also has a meter provider, read by a periodic
	 * reader whose exporter discards what it gets, every minute: the cost measured is
	 * that of recording, not of collecting.
	 * @return the SDK
	 */
	public static OpenTelemetrySdk sdkWithMetrics() {
		return sdkWithMetrics(batchProcessor());
	}

	/**
	 * An SDK like {@link #sdk(SpanProcessor)} that also has the meter provider of
	 * {@link #sdkWithMetrics()}.
	 * @param processor the span processor
	 * @return the SDK
	 */
	public static OpenTelemetrySdk sdkWithMetrics(SpanProcessor processor) {
		MetricExporter discarding = new MetricExporter() {

			@Override
			public CompletableResultCode export(Collection<MetricData> metrics) {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode flush() {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode shutdown() {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
				return AggregationTemporality.CUMULATIVE;
			}

		};
		SdkMeterProvider meterProvider = SdkMeterProvider.builder()
			.registerMetricReader(PeriodicMetricReader.builder(discarding).setInterval(Duration.ofMinutes(1)).build())
			.build();
		OpenTelemetrySdk tracing = sdk(processor);
		return OpenTelemetrySdk.builder()
			.setTracerProvider(tracing.getSdkTracerProvider())
			.setPropagators(tracing.getPropagators())
			.setMeterProvider(meterProvider)
			.build();
	}

	public static void close(OpenTelemetry openTelemetry) {
		if (openTelemetry instanceof OpenTelemetrySdk sdk) {
			sdk.getSdkTracerProvider().shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
			sdk.getSdkMeterProvider().shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

}
