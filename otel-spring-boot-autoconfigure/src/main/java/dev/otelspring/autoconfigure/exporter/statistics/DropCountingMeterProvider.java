package dev.otelspring.autoconfigure.exporter.statistics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
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
 * {@code error.type}. No metrics SDK is needed.
 */
final class DropCountingMeterProvider implements MeterProvider {

	static final String LEGACY_COUNTER = "processedSpans";

	static final String COUNTER = "otel.sdk.processor.span.processed";

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
			return this.noop.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return this.noop.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			return this.noop.gaugeBuilder(name);
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
