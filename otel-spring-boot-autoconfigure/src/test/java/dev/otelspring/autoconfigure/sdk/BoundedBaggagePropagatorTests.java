package dev.otelspring.autoconfigure.sdk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Baggage a caller sends is forwarded within a bound, and an edge service can refuse it
 * while still continuing the trace.
 */
class BoundedBaggagePropagatorTests {

	private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public String get(Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@Test
	void aHeaderThatWouldGrowWhenReEncodedIsNotForwardedWhole() {
		TextMapPropagator propagator = new BoundedBaggagePropagator(W3CBaggagePropagator.getInstance(), true, 4096);
		// 2.7 KB of '/' becomes about 8.1 KB once percent-encoded again.
		Map<String, String> inbound = Map.of("baggage", "user=alice,path=" + "/".repeat(2700) + ",tenant=acme");
		Context context = propagator.extract(Context.root(), inbound, GETTER);
		assertThat(Baggage.fromContext(context).size()).isEqualTo(3);
		Map<String, String> outbound = new HashMap<>();
		propagator.inject(context, outbound, Map::put);
		assertThat(outbound.get("baggage")).hasSizeLessThanOrEqualTo(4096).contains("user=alice", "tenant=acme");
		assertThat(outbound.get("baggage")).doesNotContain("path=");
		// The application still sees everything the caller sent.
		assertThat(Baggage.fromContext(context).getEntryValue("path")).hasSize(2700);
	}

	@Test
	void entriesAreKeptInOrderUntilTheBoundIsReached() {
		TextMapPropagator propagator = new BoundedBaggagePropagator(W3CBaggagePropagator.getInstance(), true, 100);
		BaggageBuilder builder = Baggage.builder();
		for (int i = 0; i < 50; i++) {
			builder.put("key" + i, "value" + i);
		}
		Map<String, String> outbound = new HashMap<>();
		propagator.inject(Context.root().with(builder.build()), outbound, Map::put);
		String header = outbound.get("baggage");
		assertThat(header).hasSizeLessThanOrEqualTo(100).hasSizeGreaterThan(80);
		Map<String, String> forwarded = new HashMap<>();
		Baggage.fromContext(W3CBaggagePropagator.getInstance().extract(Context.root(), outbound, GETTER))
			.forEach((key, entry) -> forwarded.put(key, entry.getValue()));
		assertThat(forwarded).isNotEmpty()
			.allSatisfy((key, value) -> assertThat(value).isEqualTo("value" + key.substring(3)));
	}

	@Test
	void baggageWithinTheBoundIsForwardedAsTheW3cPropagatorWritesIt() {
		TextMapPropagator propagator = new BoundedBaggagePropagator(W3CBaggagePropagator.getInstance(), true, 4096);
		Context context = Context.root().with(Baggage.builder().put("user", "alice").put("path", "/a b").build());
		Map<String, String> ours = new HashMap<>();
		Map<String, String> theirs = new HashMap<>();
		propagator.inject(context, ours, Map::put);
		W3CBaggagePropagator.getInstance().inject(context, theirs, Map::put);
		assertThat(ours).isEqualTo(theirs);
		Map<String, String> none = new HashMap<>();
		propagator.inject(Context.root(), none, Map::put);
		assertThat(none).isEmpty();
	}

	@Test
	void anEdgeServiceRefusesCallersBaggageAndStillContinuesTheTrace() {
		TextMapPropagator propagator = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
				new BoundedBaggagePropagator(W3CBaggagePropagator.getInstance(), false, 4096));
		Context context = propagator.extract(Context.root(),
				Map.of("traceparent", TRACEPARENT, "baggage", "user=mallory"), GETTER);
		assertThat(Span.fromContext(context).getSpanContext().getTraceId()).isEqualTo(TRACEPARENT.substring(3, 35));
		assertThat(Baggage.fromContext(context).isEmpty()).isTrue();
		assertThat(propagator.fields()).containsAll(List.of("traceparent", "baggage"));
	}

}
