package dev.otelspring.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A sampled parent span, made current for each iteration on the thread that runs the
 * benchmark (JMH runs a thread-scoped state's fixtures there), so that the measured calls
 * run inside a trace without paying for making it current.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class InsideTrace {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String SPAN_ID = "b7ad6b7169203331";

	private final TraceFlags flags;

	private Scope scope;

	public InsideTrace() {
		this(TraceFlags.getSampled());
	}

	protected InsideTrace(TraceFlags flags) {
		this.flags = flags;
	}

	@Setup(Level.Iteration)
	public void enter() {
		SpanContext parent = SpanContext.create(TRACE_ID, SPAN_ID, this.flags, TraceState.getDefault());
		this.scope = Span.wrap(parent).makeCurrent();
	}

	@TearDown(Level.Iteration)
	public void exit() {
		this.scope.close();
	}

}
