package dev.otelspring.autoconfigure.aop;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * {@code @Traced} (through a CGLIB proxy, as in an application) against the same span written by hand
 * around the same method, and against no span at all.
 */
@State(Scope.Benchmark)
public class TracedBenchmark extends BenchmarkSettings {

	/** The business method, as a user writes it. */
	public static class Payments {

		@Traced("process-payment")
		public long charge(@SpanAttribute("order.id") String orderId, @SpanAttribute("payment.amount") double amount) {
			return orderId.length() + (long) amount;
		}

	}

	private OpenTelemetrySdk sdk;

	private Tracer tracer;

	private final Payments plain = new Payments();

	private Payments traced;

	@Setup
	public void setUp() {
		this.sdk = BenchmarkTracing.sdk();
		this.tracer = this.sdk.getTracer("hand-written");
		ProxyFactory factory = new ProxyFactory(new Payments());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new DefaultPointcutAdvisor(new TracedPointcut(), new TracedMethodInterceptor(this.sdk)));
		this.traced = (Payments) factory.getProxy();
	}

	@TearDown
	public void tearDown() {
		BenchmarkTracing.close(this.sdk);
	}

	@Benchmark
	public long noSpan() {
		return this.plain.charge("order-42", 59.99);
	}

	@Benchmark
	public long handWrittenSpan() {
		Span span = this.tracer.spanBuilder("process-payment")
			.setAttribute("code.function.name", "dev.otelspring.autoconfigure.aop.TracedBenchmark$Payments.charge")
			.setAttribute("order.id", "order-42")
			.setAttribute("payment.amount", 59.99)
			.startSpan();
		try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
			return this.plain.charge("order-42", 59.99);
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	@Benchmark
	public long tracedAnnotation() {
		return this.traced.charge("order-42", 59.99);
	}

}
