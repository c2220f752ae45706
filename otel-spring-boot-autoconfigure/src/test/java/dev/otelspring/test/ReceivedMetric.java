package dev.otelspring.test;

import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;

/**
 * One metric as it arrived at a test OTLP receiver, decoded with the official protobuf
 * definitions, with the resource and scope it came under and when its request arrived
 * ({@link System#nanoTime()}).
 */
public record ReceivedMetric(Metric metric, Map<String, Object> resource, String scope, long receivedNanos) {

	/**
	 * Returns the metric's name.
	 * @return the name
	 */
	public String name() {
		return this.metric.getName();
	}

	/**
	 * Returns the attributes of each data point of a histogram metric.
	 * @return one attribute map a data point, in the points' order
	 */
	public List<Map<String, Object>> histogramPointAttributes() {
		return this.metric.getHistogram()
			.getDataPointsList()
			.stream()
			.map((point) -> attributes(point.getAttributesList()))
			.toList();
	}

	/**
	 * Converts OTLP attributes (of a resource or a data point) to a map.
	 * @param attributes the attributes
	 * @return the attributes as a map, in their order
	 */
	public static Map<String, Object> attributes(List<KeyValue> attributes) {
		return ReceivedSpan.toMap(attributes);
	}

	@Override
	public String toString() {
		return name() + "[" + this.metric.getDataCase() + " " + this.scope + "]";
	}

}
