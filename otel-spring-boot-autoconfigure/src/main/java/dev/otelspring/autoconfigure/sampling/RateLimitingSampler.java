package dev.otelspring.autoconfigure.sampling;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Samples at most a given number of traces per second, spread evenly rather than in
 * bursts: a trace is sampled when at least {@code 1 / rate} seconds have passed since the
 * last sampled one's slot (the generic cell rate algorithm, with no burst allowance). So
 * in any second at most {@code rate} traces are sampled, whatever the number of threads.
 * The budget counts traces: a span whose parent started in this process follows its
 * parent's decision, so a sampled trace stays whole and its children cost no budget.
 *
 * <p>
 * Thread-safe and lock-free; the fast path allocates nothing.
 */
public final class RateLimitingSampler implements Sampler {

	private static final SamplingResult SAMPLE = SamplingResult.recordAndSample();

	private static final SamplingResult DROP = SamplingResult.drop();

	private final double tracesPerSecond;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	/** The earliest time the next trace may be sampled. */
	private final AtomicLong nextSlot;

	/**
	 * Creates a sampler on the system's nano clock.
	 * @param tracesPerSecond the most traces sampled per second; more than 0
	 */
	public RateLimitingSampler(double tracesPerSecond) {
		this(tracesPerSecond, System::nanoTime);
	}

	RateLimitingSampler(double tracesPerSecond, LongSupplier nanoClock) {
		if (!(tracesPerSecond > 0) || Double.isInfinite(tracesPerSecond)) {
			throw new IllegalArgumentException("tracesPerSecond must be a positive number");
		}
		this.tracesPerSecond = tracesPerSecond;
		this.intervalNanos = Math.max(1, (long) (1_000_000_000L / tracesPerSecond));
		this.nanoClock = nanoClock;
		this.nextSlot = new AtomicLong(nanoClock.getAsLong());
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SpanContext parent = Span.fromContext(parentContext).getSpanContext();
		if (parent.isValid() && !parent.isRemote()) {
			return parent.isSampled() ? SAMPLE : DROP;
		}
		return tryAcquire() ? SAMPLE : DROP;
	}

	boolean tryAcquire() {
		long now = this.nanoClock.getAsLong();
		while (true) {
			long slot = this.nextSlot.get();
			if (now - slot < 0) {
				return false;
			}
			if (this.nextSlot.compareAndSet(slot, now + this.intervalNanos)) {
				return true;
			}
		}
	}

	@Override
	public String getDescription() {
		return "RateLimitingSampler{" + this.tracesPerSecond + "/s}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
