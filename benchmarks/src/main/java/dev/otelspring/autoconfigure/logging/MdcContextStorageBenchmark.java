package dev.otelspring.autoconfigure.logging;

import dev.otelspring.benchmarks.BenchmarkSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.State;

/**
 * What keeping the trace ids in the MDC costs each time a span becomes current: attaching
 * a context that holds a span and closing its scope, through the storage with and without
 * the MDC wrapper (with Logback's MDC, as a Spring Boot application has it). A server
 * request does this once.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class MdcContextStorageBenchmark extends BenchmarkSettings {

	private final ContextStorage plain = ContextStorage.defaultStorage();

	private final ContextStorage withMdc = new MdcContextStorage(ContextStorage.defaultStorage());

	private final Context context = Context.root()
		.with(Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault())));

	@Benchmark
	public Context attachWithoutMdc() {
		try (Scope scope = this.plain.attach(this.context)) {
			return this.plain.current();
		}
	}

	@Benchmark
	public Context attachWithMdc() {
		try (Scope scope = this.withMdc.attach(this.context)) {
			return this.withMdc.current();
		}
	}

}
