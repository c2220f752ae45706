package dev.otelspring.autoconfigure.exporter.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

/**
 * A {@link MetricExporter} for development that prints each collection as one block: a
 * line per metric point, sorted by metric name, with its attributes and value; a
 * histogram shows its count, sum, mean and largest value. Values are deltas since the
 * last collection, so a quiet application prints quiet blocks; a collection with no point
 * prints nothing. Thread-safe.
 */
public final class ConsoleMetricExporter implements MetricExporter {

	private static final int MAX_POINTS_PER_METRIC = 20;

	private final Consumer<String> printer;

	/**
	 * Creates an exporter that prints to the given sink.
	 * @param printer receives one multi-line string per collection
	 */
	public ConsoleMetricExporter(Consumer<String> printer) {
		this.printer = printer;
	}

	@Override
	public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
		return (instrumentType == InstrumentType.UP_DOWN_COUNTER
				|| instrumentType == InstrumentType.OBSERVABLE_UP_DOWN_COUNTER) ? AggregationTemporality.CUMULATIVE
						: AggregationTemporality.DELTA;
	}

	@Override
	public CompletableResultCode export(Collection<MetricData> metrics) {
		List<MetricData> sorted = new ArrayList<>(metrics);
		sorted.sort(Comparator.comparing(MetricData::getName));
		StringBuilder text = new StringBuilder();
		for (MetricData metric : sorted) {
			List<? extends PointData> points = new ArrayList<>(metric.getData().getPoints());
			int shown = 0;
			for (PointData point : points) {
				if (shown == MAX_POINTS_PER_METRIC) {
					text.append("  ")
						.append(metric.getName())
						.append(": ")
						.append(points.size() - shown)
						.append(" more point(s)")
						.append(System.lineSeparator());
					break;
				}
				text.append("  ").append(metric.getName());
				appendAttributes(text, point.getAttributes());
				text.append(' ').append(value(point)).append(unit(metric.getUnit())).append(System.lineSeparator());
				shown++;
			}
		}
		if (!text.isEmpty()) {
			this.printer.accept("metrics" + System.lineSeparator() + text.toString().stripTrailing());
		}
		return CompletableResultCode.ofSuccess();
	}

	private static void appendAttributes(StringBuilder text, Attributes attributes) {
		if (attributes.isEmpty()) {
			return;
		}
		text.append('{');
		boolean[] first = { true };
		attributes.forEach((key, value) -> {
			if (!first[0]) {
				text.append(", ");
			}
			first[0] = false;
			text.append(key.getKey()).append('=').append(value);
		});
		text.append('}');
	}

	private static String value(PointData point) {
		if (point instanceof LongPointData longPoint) {
			return Long.toString(longPoint.getValue());
		}
		if (point instanceof DoublePointData doublePoint) {
			return format(doublePoint.getValue());
		}
		if (point instanceof HistogramPointData histogram) {
			return histogram(histogram.getCount(), histogram.getSum(), histogram.hasMax() ? histogram.getMax() : null);
		}
		if (point instanceof ExponentialHistogramPointData histogram) {
			return histogram(histogram.getCount(), histogram.getSum(), histogram.hasMax() ? histogram.getMax() : null);
		}
		return point.toString();
	}

	private static String histogram(long count, double sum, Double max) {
		String text = "count=" + count + " sum=" + format(sum);
		if (count > 0) {
			text += " mean=" + format(sum / count);
		}
		return (max != null) ? text + " max=" + format(max) : text;
	}

	private static String format(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? Long.toString((long) value)
				: String.format(Locale.ROOT, "%.4g", value);
	}

	private static String unit(String unit) {
		return (unit == null || unit.isEmpty() || unit.startsWith("{")) ? "" : " " + unit;
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
