package dev.otelspring.autoconfigure.sdk;

import java.util.Collection;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * The W3C baggage propagator, bounded: baggage from callers is taken in only when that is
 * allowed, and the header sent on an outgoing call is at most a given length, so that
 * baggage re-encoded by this service (a {@code /} becomes {@code %2F}) never grows past
 * what the next server accepts. Entries that do not fit are left out, in the order they
 * were added; the baggage in the application's context is not changed. Thread-safe.
 */
final class BoundedBaggagePropagator implements TextMapPropagator {

	private static final String HEADER = "baggage";

	private static final TextMapSetter<String[]> CAPTURE = (holder, key, value) -> {
		if (holder != null) {
			holder[0] = value;
		}
	};

	private final TextMapPropagator delegate;

	private final boolean acceptInbound;

	private final int maxOutboundLength;

	BoundedBaggagePropagator(TextMapPropagator delegate, boolean acceptInbound, int maxOutboundLength) {
		this.delegate = delegate;
		this.acceptInbound = acceptInbound;
		this.maxOutboundLength = maxOutboundLength;
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
		String header = render(Baggage.fromContext(context));
		if (header != null && header.length() > this.maxOutboundLength) {
			header = render(fitting(Baggage.fromContext(context)));
		}
		if (header != null && !header.isEmpty()) {
			setter.set(carrier, HEADER, header);
		}
	}

	/**
	 * Keeps the entries, in order, whose header still fits the bound.
	 * @param baggage the baggage to forward
	 * @return the entries that fit
	 */
	private Baggage fitting(Baggage baggage) {
		BaggageBuilder kept = Baggage.builder();
		int[] length = { 0 };
		baggage.forEach((key, entry) -> {
			String alone = render(Baggage.builder().put(key, entry.getValue(), entry.getMetadata()).build());
			int added = (alone != null) ? alone.length() + ((length[0] > 0) ? 1 : 0) : 0;
			if (added > 0 && length[0] + added <= this.maxOutboundLength) {
				kept.put(key, entry.getValue(), entry.getMetadata());
				length[0] += added;
			}
		});
		return kept.build();
	}

	private String render(Baggage baggage) {
		if (baggage.isEmpty()) {
			return null;
		}
		String[] holder = new String[1];
		this.delegate.inject(Context.root().with(baggage), holder, CAPTURE);
		return holder[0];
	}

	@Override
	public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
		return this.acceptInbound ? this.delegate.extract(context, carrier, getter) : context;
	}

	@Override
	public String toString() {
		return "BoundedBaggagePropagator{" + this.delegate + ", acceptInbound=" + this.acceptInbound
				+ ", maxOutboundLength=" + this.maxOutboundLength + "}";
	}

}
