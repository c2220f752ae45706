package dev.otelspring.autoconfigure.exporter.statistics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What happened to the spans this application tried to export: how many were exported,
 * how many were dropped because the batch queue was full, how many failed to export, and
 * the last export error with its time. Logs one WARN line when exporting starts failing
 * and one INFO line when it recovers, and one WARN line when spans start being dropped
 * from a full queue (repeated, with the count, at most every
 * {@value #DROP_WARNING_INTERVAL_MINUTES} minutes while drops continue); never a line per
 * batch.
 *
 * <p>
 * Thread-safe. Error messages are reduced to the exception type and the exporter's
 * message, which holds no header values or key material.
 */
public final class SpanExportStatistics {

	private static final Log logger = LogFactory.getLog(SpanExportStatistics.class);

	private static final int MAX_MESSAGE_LENGTH = 300;

	static final int DROP_WARNING_INTERVAL_MINUTES = 5;

	private static final int MAX_ERROR_TYPES = 16;

	private static final String OTHER_ERROR_TYPE = "_OTHER";

	private static final long DROP_WARNING_INTERVAL_MILLIS = DROP_WARNING_INTERVAL_MINUTES * 60_000L;

	private final Clock clock;

	private final LongAdder exported = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final AtomicLong consecutiveFailures = new AtomicLong();

	private final AtomicBoolean failing = new AtomicBoolean();

	private final AtomicLong nextDropWarningMillis = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong droppedAtLastWarning = new AtomicLong();

	private final Map<String, LongAdder> failedByType = new ConcurrentHashMap<>();

	private volatile Consumer<ObservableLongMeasurement> queueSizeCallback;

	private volatile String lastError;

	private volatile Instant lastErrorTime;

	private volatile Instant lastSuccessTime;

	/** Creates statistics on the system clock. */
	public SpanExportStatistics() {
		this(Clock.systemUTC());
	}

	SpanExportStatistics(Clock clock) {
		this.clock = clock;
	}

	void onExported(int spans) {
		this.exported.add(spans);
		this.lastSuccessTime = this.clock.instant();
		long failures = this.consecutiveFailures.getAndSet(0);
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Span export recovered after " + failures + " failed export(s); " + getFailed()
					+ " span(s) failed and " + getDropped() + " were dropped so far.");
		}
	}

	void onFailed(int spans, Throwable error) {
		this.failed.add(spans);
		String type = (error != null) ? error.getClass().getName() : "export_failed";
		LongAdder byType = this.failedByType.get(type);
		if (byType == null) {
			byType = this.failedByType.computeIfAbsent(
					(this.failedByType.size() < MAX_ERROR_TYPES) ? type : OTHER_ERROR_TYPE, (key) -> new LongAdder());
		}
		byType.add(spans);
		this.consecutiveFailures.incrementAndGet();
		this.lastError = describe(error);
		this.lastErrorTime = this.clock.instant();
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("Span export is failing (" + this.lastError + "); spans are dropped until it recovers. "
					+ "Requests are not affected. Further failures are counted, not logged.");
		}
	}

	void onDropped(long spans) {
		this.dropped.add(spans);
		long next = this.nextDropWarningMillis.get();
		long now = this.clock.millis();
		if (now >= next && this.nextDropWarningMillis.compareAndSet(next, now + DROP_WARNING_INTERVAL_MILLIS)) {
			long total = getDropped();
			long since = total - this.droppedAtLastWarning.getAndSet(total);
			if (next == Long.MIN_VALUE) {
				logger.warn("Spans are being dropped: the batch span processor's queue is full (raise "
						+ "otel.bsp.max.queue.size, or sample fewer traces). Requests are not affected. Further drops "
						+ "are counted, with at most one line every " + DROP_WARNING_INTERVAL_MINUTES + " minutes.");
			}
			else {
				logger.warn(since + " more span(s) were dropped from a full queue since the last report; " + total
						+ " in total.");
			}
		}
	}

	private static String describe(Throwable error) {
		if (error == null) {
			return "the exporter reported a failure";
		}
		String message = error.getClass().getName() + ((error.getMessage() != null) ? ": " + error.getMessage() : "");
		return (message.length() <= MAX_MESSAGE_LENGTH) ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "…";
	}

	/**
	 * Returns a {@link io.opentelemetry.api.metrics.MeterProvider} to give the SDK's
	 * {@code BatchSpanProcessor} for its own telemetry, through which spans dropped from
	 * a full queue are counted here.
	 * @return the meter provider
	 */
	io.opentelemetry.api.metrics.MeterProvider dropCountingMeterProvider() {
		return new DropCountingMeterProvider(this);
	}

	void readQueueSizeWith(Consumer<ObservableLongMeasurement> callback) {
		this.queueSizeCallback = callback;
	}

	/**
	 * Returns the spans waiting in the batch processor's queue, or {@code -1} when the
	 * processor does not report it.
	 * @return the queue size, or {@code -1}
	 */
	public long getQueueSize() {
		Consumer<ObservableLongMeasurement> callback = this.queueSizeCallback;
		if (callback == null) {
			return -1;
		}
		long[] size = { -1 };
		callback.accept(new ObservableLongMeasurement() {

			@Override
			public void record(long value) {
				size[0] = value;
			}

			@Override
			public void record(long value, Attributes attributes) {
				size[0] = value;
			}

		});
		return size[0];
	}

	/**
	 * Returns the spans whose export failed, by the type of the failure ({@code _OTHER}
	 * past 16 types).
	 * @return the failed spans by failure type
	 */
	public Map<String, Long> getFailedByType() {
		Map<String, Long> counts = new TreeMap<>();
		this.failedByType.forEach((type, count) -> counts.put(type, count.sum()));
		return counts;
	}

	/**
	 * Returns the number of spans exported successfully.
	 * @return the number of spans exported successfully
	 */
	public long getExported() {
		return this.exported.sum();
	}

	/**
	 * Returns the number of spans whose export failed.
	 * @return the number of spans whose export failed
	 */
	public long getFailed() {
		return this.failed.sum();
	}

	/**
	 * Returns the number of spans dropped because the batch queue was full.
	 * @return the number of spans dropped because the batch queue was full
	 */
	public long getDropped() {
		return this.dropped.sum();
	}

	/**
	 * Returns the spans accounted for so far: exported, failed or dropped.
	 * @return the spans accounted for so far: exported, failed or dropped
	 */
	long getAccounted() {
		return getExported() + getFailed() + getDropped();
	}

	/**
	 * Returns how many exports in a row have failed, 0 when the last one succeeded.
	 * @return how many exports in a row have failed, 0 when the last one succeeded
	 */
	public long getConsecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	/**
	 * Returns whether the last export failed.
	 * @return whether the last export failed
	 */
	public boolean isFailing() {
		return this.failing.get();
	}

	/**
	 * Returns the last export error, or {@code null}.
	 * @return the last export error, or {@code null}
	 */
	public String getLastError() {
		return this.lastError;
	}

	/**
	 * Returns when the last export error happened, or {@code null}.
	 * @return when the last export error happened, or {@code null}
	 */
	public Instant getLastErrorTime() {
		return this.lastErrorTime;
	}

	/**
	 * Returns when the last export succeeded, or {@code null}.
	 * @return when the last export succeeded, or {@code null}
	 */
	public Instant getLastSuccessTime() {
		return this.lastSuccessTime;
	}

	@Override
	public String toString() {
		return "SpanExportStatistics{exported=" + getExported() + ", failed=" + getFailed() + ", dropped="
				+ getDropped() + ", consecutiveFailures=" + getConsecutiveFailures() + ", lastError=" + this.lastError
				+ ", lastErrorTime=" + this.lastErrorTime + "}";
	}

}
