package dev.otelspring.autoconfigure.exporter.statistics;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The span export pipeline's own health as metrics, named after the semantic conventions
 * for SDK telemetry and observed from {@link SpanExportStatistics} at each collection:
 * <ul>
 * <li>{@code otel.sdk.exporter.span.exported}: spans exported, and with
 * {@code error.type} (the failure's class) those whose export failed;</li>
 * <li>{@code otel.sdk.processor.span.processed}: spans the batch processor handed on, and
 * with {@code error.type=queue_full} those it dropped;</li>
 * <li>{@code otel.sdk.processor.span.queue.size} and {@code .queue.capacity}.</li>
 * </ul>
 * Nothing is registered without a meter provider. Thread-safe.
 */
public final class SpanExportMetrics implements DisposableBean {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.exporter";

	private static final Log logger = LogFactory.getLog(SpanExportMetrics.class);

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final Attributes QUEUE_FULL = Attributes.of(ERROR_TYPE, "queue_full");

	private final List<AutoCloseable> instruments = new ArrayList<>();

	SpanExportMetrics(OpenTelemetry openTelemetry, SpanExportStatistics statistics, int queueCapacity) {
		Meter meter = openTelemetry.getMeter(INSTRUMENTATION_NAME);
		if (meter == MeterProvider.noop().get(INSTRUMENTATION_NAME)) {
			return;
		}
		this.instruments.add(meter.counterBuilder("otel.sdk.exporter.span.exported")
			.setUnit("{span}")
			.setDescription("Spans the exporter sent; with error.type, those whose export failed.")
			.buildWithCallback((measurement) -> {
				measurement.record(statistics.getExported());
				statistics.getFailedByType()
					.forEach((type, count) -> measurement.record(count, Attributes.of(ERROR_TYPE, type)));
			}));
		this.instruments.add(meter.counterBuilder("otel.sdk.processor.span.processed")
			.setUnit("{span}")
			.setDescription("Spans the batch processor handed to the exporter; with error.type=queue_full, "
					+ "those it dropped.")
			.buildWithCallback((measurement) -> {
				measurement.record(statistics.getExported() + statistics.getFailed());
				measurement.record(statistics.getDropped(), QUEUE_FULL);
			}));
		this.instruments.add(meter.upDownCounterBuilder("otel.sdk.processor.span.queue.size")
			.setUnit("{span}")
			.setDescription("Spans waiting in the batch processor's queue.")
			.buildWithCallback((measurement) -> {
				long size = statistics.getQueueSize();
				if (size >= 0) {
					measurement.record(size);
				}
			}));
		this.instruments.add(meter.upDownCounterBuilder("otel.sdk.processor.span.queue.capacity")
			.setUnit("{span}")
			.setDescription("Spans the batch processor's queue can hold.")
			.buildWithCallback((measurement) -> measurement.record(queueCapacity)));
	}

	@Override
	public void destroy() {
		for (AutoCloseable instrument : this.instruments) {
			try {
				instrument.close();
			}
			catch (Exception ex) {
				logger.debug("Could not close an instrument", ex);
			}
		}
	}

}
