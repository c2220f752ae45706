package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.OtelProperties;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Builds the {@link TailSamplingSpanProcessor} from {@code otel.spring.sampling.tail.*}, validating
 * each value.
 */
public final class TailSampling {

	static final String PREFIX = "otel.spring.sampling.tail.";

	private TailSampling() {
	}

	/**
	 * Creates the processor in front of the given downstream processor.
	 * @param properties the properties to read
	 * @param downstream where kept traces go, usually the batch span processor
	 * @return the processor, with its background decision thread started
	 */
	public static TailSamplingSpanProcessor create(OtelProperties properties, SpanProcessor downstream) {
		SamplingProperties.Tail tail = properties.bind("otel.spring.sampling", SamplingProperties.class).getTail();
		positive("decision-wait", tail.getDecisionWait());
		positive("max-trace-age", tail.getMaxTraceAge());
		if (tail.getMaxTraces() < 1) {
			throw new InvalidOtelPropertyException(PREFIX + "max-traces", String.valueOf(tail.getMaxTraces()),
					"a whole number of at least 1");
		}
		if (tail.getMaxSpans() < 1) {
			throw new InvalidOtelPropertyException(PREFIX + "max-spans", String.valueOf(tail.getMaxSpans()),
					"a whole number of at least 1");
		}
		TailSamplingPolicy policy = new TailSamplingPolicy(tail.isKeepErrors(), tail.getSlowThreshold(),
				tail.getKeepAttributes(), baseline(tail));
		return new TailSamplingSpanProcessor(downstream, policy, tail.getDecisionWait(), tail.getMaxTraceAge(),
				tail.getMaxTraces(), tail.getMaxSpans(), System::nanoTime, true);
	}

	static BooleanSupplier baseline(SamplingProperties.Tail tail) {
		if (tail.getBaselineRate() != null) {
			double rate = tail.getBaselineRate();
			if (!(rate > 0) || Double.isInfinite(rate)) {
				throw new InvalidOtelPropertyException(PREFIX + "baseline-rate", String.valueOf(rate),
						"the most traces kept per second, a number above 0");
			}
			RateLimitingSampler limiter = new RateLimitingSampler(rate);
			return limiter::tryAcquire;
		}
		double ratio = tail.getBaselineRatio();
		if (!(ratio >= 0 && ratio <= 1)) {
			throw new InvalidOtelPropertyException(PREFIX + "baseline-ratio", String.valueOf(ratio),
					"a fraction from 0.0 to 1.0");
		}
		Random random = new Random();
		return () -> ratio >= 1 || (ratio > 0 && random.nextDouble() < ratio);
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidOtelPropertyException(PREFIX + name, String.valueOf(value), "a positive duration");
		}
	}

}
