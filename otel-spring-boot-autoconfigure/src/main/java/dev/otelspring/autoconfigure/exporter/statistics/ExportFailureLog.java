package dev.otelspring.autoconfigure.exporter.statistics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The log lines about one exporter's failures, as for spans: one WARN line when exporting
 * starts failing, one INFO line when it recovers, the failed exports counted in between;
 * never a line per export. Thread-safe.
 */
final class ExportFailureLog {

	private static final Log logger = LogFactory.getLog(ExportFailureLog.class);

	private final String signal;

	private final String loss;

	private final AtomicBoolean failing = new AtomicBoolean();

	private final AtomicLong failedExports = new AtomicLong();

	/**
	 * Creates the log of one exporter.
	 * @param signal what is exported, capitalized: {@code Metric}, {@code Log record}
	 * @param loss what a failed export loses
	 */
	ExportFailureLog(String signal, String loss) {
		this.signal = signal;
		this.loss = loss;
	}

	/**
	 * Watches an export's result.
	 * @param export what exports, may throw
	 * @return the export's result
	 */
	CompletableResultCode watch(Supplier<CompletableResultCode> export) {
		return observe(export, this::onExported, this::onFailed);
	}

	/**
	 * Runs an export and reports its outcome when it completes: an exception thrown by
	 * the exporter counts as a failed export.
	 * @param export what exports, may throw
	 * @param exported called when the export succeeded
	 * @param failed called with the failure (or {@code null} when the SDK gives none)
	 * @return the export's result
	 */
	static CompletableResultCode observe(Supplier<CompletableResultCode> export, Runnable exported,
			Consumer<Throwable> failed) {
		CompletableResultCode result;
		try {
			result = export.get();
		}
		catch (RuntimeException ex) {
			failed.accept(ex);
			return CompletableResultCode.ofFailure();
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				exported.run();
			}
			else {
				failed.accept(failureOf(result));
			}
		});
		return result;
	}

	private void onExported() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info(
					this.signal + " export recovered after " + this.failedExports.getAndSet(0) + " failed export(s).");
		}
	}

	private void onFailed(Throwable error) {
		this.failedExports.incrementAndGet();
		if (this.failing.compareAndSet(false, true)) {
			logger.warn(this.signal + " export is failing ("
					+ ((error != null) ? error : "the exporter reported a failure") + "); " + this.loss
					+ " until it recovers. Requests are not affected. Further failures are " + "counted, not logged.");
		}
	}

	private static Throwable failureOf(CompletableResultCode result) {
		try {
			return result.getFailureThrowable();
		}
		catch (LinkageError ex) {
			// An SDK without failure details: the outcome is still right.
			return null;
		}
	}

}
