package dev.otelspring.benchmarks;

import io.opentelemetry.api.trace.TraceFlags;
import org.openjdk.jmh.annotations.State;

/**
 * Like {@link InsideTrace}, with a parent span that was not sampled: the measured calls
 * run inside a trace that is not recorded, the path most calls take at a low sampling
 * rate.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class InsideUnsampledTrace extends InsideTrace {

	public InsideUnsampledTrace() {
		super(TraceFlags.getDefault());
	}

}
