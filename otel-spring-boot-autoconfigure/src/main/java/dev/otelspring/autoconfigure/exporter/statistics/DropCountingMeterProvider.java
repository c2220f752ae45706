package dev.otelspring.autoconfigure.exporter.statistics;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;

/**
 * A {@link MeterProvider} handed to the SDK's {@code BatchSpanProcessor} for its own
 * telemetry, that turns the processor's "span dropped" measurements into
 * {@link SpanExportStatistics#getDropped()} and ignores everything else. It understands
 * both forms the SDK has used: the legacy {@code processedSpans} counter with
 * {@code dropped=true}, and {@code otel.sdk.processor.span.processed} with an
 * {@code error.type}. The callback of the processor's queue-size gauge (legacy
 * {@code queueSize}, or {@code otel.sdk.processor.span.queue.size}) goes to the
 * statistics too, which read the queue through it. No metrics SDK is needed.
 */
final class DropCountingMeterProvider implements MeterProvider {

	static final String LEGACY_COUNTER = "processedSpans";

	static final String COUNTER = "otel.sdk.processor.span.processed";

	static final String LEGACY_QUEUE_SIZE = "queueSize";

	static final String QUEUE_SIZE = "otel.sdk.processor.span.queue.size";

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final SpanExportStatistics statistics;

	DropCountingMeterProvider(SpanExportStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return new MeterBuilder() {

			@Override
			public MeterBuilder setSchemaUrl(String schemaUrl) {
				return this;
			}

			@Override
			public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
				return this;
			}

			@Override
			public Meter build() {
				return new DropCountingMeter(MeterProvider.noop().get(instrumentationScopeName));
			}

		};
	}

	/**
	 * Returns a builder of the given type that hands the callback of the instrument it
	 * builds to the statistics, which read the queue size through it; everything else
	 * goes to the no-op builder.
	 * @param <B> the builder type
	 * @param type the builder type
	 * @param noop the no-op builder
	 * @return the builder
	 */
	@SuppressWarnings("unchecked")
	<B> B queueSizeCapturing(Class<B> type, B noop) {
		return builderProxy(type, noop, (method, args) -> {
			if ("buildWithCallback".equals(method.getName()) && args != null && args.length == 1
					&& args[0] instanceof Consumer<?> callback) {
				this.statistics.readQueueSizeWith((Consumer<ObservableLongMeasurement>) callback);
			}
			return null;
		});
	}

	/**
	 * Returns a proxy of a builder interface: methods that return the builder type return
	 * the proxy; others go to {@code special} first and to the no-op builder when it
	 * answers {@code null}.
	 * @param <B> the builder type
	 * @param type the builder type
	 * @param noop the no-op builder
	 * @param special what handles the methods of interest
	 * @return the proxy
	 */
	@SuppressWarnings("unchecked")
	private static <B> B builderProxy(Class<B> type, Object noop,
			java.util.function.BiFunction<Method, Object[], Object> special) {
		return (B) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return method.invoke(noop, args);
			}
			Object handled = special.apply(method, args);
			if (handled != null) {
				return handled;
			}
			Object result = method.invoke(noop, args);
			return (method.getReturnType() == type) ? proxy : result;
		});
	}

	boolean isDrop(String counter, Attributes attributes) {
		if (LEGACY_COUNTER.equals(counter)) {
			return Boolean.TRUE.equals(attributes.get(DROPPED));
		}
		return COUNTER.equals(counter) && attributes.get(ERROR_TYPE) != null;
	}

	private final class DropCountingMeter implements Meter {

		private final Meter noop;

		DropCountingMeter(Meter noop) {
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			if (!LEGACY_COUNTER.equals(name) && !COUNTER.equals(name)) {
				return this.noop.counterBuilder(name);
			}
			return new CounterBuilder(name, this.noop.counterBuilder(name));
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			if (QUEUE_SIZE.equals(name)) {
				return queueSizeCapturing(LongUpDownCounterBuilder.class, this.noop.upDownCounterBuilder(name));
			}
			return this.noop.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return this.noop.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			DoubleGaugeBuilder noopBuilder = this.noop.gaugeBuilder(name);
			if (!LEGACY_QUEUE_SIZE.equals(name)) {
				return noopBuilder;
			}
			LongGaugeBuilder longs = queueSizeCapturing(LongGaugeBuilder.class, noopBuilder.ofLongs());
			return builderProxy(DoubleGaugeBuilder.class, noopBuilder,
					(method, args) -> "ofLongs".equals(method.getName()) ? longs : null);
		}

	}

	private final class CounterBuilder implements LongCounterBuilder {

		private final String name;

		private final LongCounterBuilder noop;

		CounterBuilder(String name, LongCounterBuilder noop) {
			this.name = name;
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder setDescription(String description) {
			return this;
		}

		@Override
		public LongCounterBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public DoubleCounterBuilder ofDoubles() {
			return this.noop.ofDoubles();
		}

		@Override
		public LongCounter build() {
			return new LongCounter() {

				@Override
				public void add(long value) {
				}

				@Override
				public void add(long value, Attributes attributes) {
					if (isDrop(CounterBuilder.this.name, attributes)) {
						DropCountingMeterProvider.this.statistics.onDropped(value);
					}
				}

				@Override
				public void add(long value, Attributes attributes, Context context) {
					add(value, attributes);
				}

			};
		}

		@Override
		public ObservableLongCounter buildWithCallback(
				java.util.function.Consumer<ObservableLongMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

	}

}
