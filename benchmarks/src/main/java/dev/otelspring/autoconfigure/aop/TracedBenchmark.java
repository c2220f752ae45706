package dev.otelspring.autoconfigure.aop;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import dev.otelspring.benchmarks.BenchmarkSettings;
import dev.otelspring.benchmarks.BenchmarkTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * {@code @Traced} (through a CGLIB proxy, as in an application) against the same span
 * written by hand around the same method, and against no span at all. Two more take the
 * proxy apart: the same proxy with an advice that only calls the method (what Spring AOP
 * itself costs), and with an advice that is the hand-written span (the least any
 * annotation built on Spring AOP can cost). Every variant records the same SDK span,
 * ended into a processor that counts on the calling thread: with the batch processor the
 * queue fills at JMH's rate, spans are dropped, and the export worker on the second core
 * made the forks differ by hundreds of nanoseconds.
 */
@State(Scope.Benchmark)
public class TracedBenchmark extends BenchmarkSettings {

	private static final String FUNCTION = "dev.otelspring.autoconfigure.aop.TracedBenchmark$Payments.charge";

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

	private Payments proxiedOnly;

	private Payments handWrittenAdvised;

	@Setup
	public void setUp() {
		this.sdk = BenchmarkTracing.sdk(new BenchmarkTracing.CountingProcessor());
		this.tracer = this.sdk.getTracer("hand-written");
		this.traced = proxy(new TracedMethodInterceptor(this.sdk));
		this.proxiedOnly = proxy(MethodInvocation::proceed);
		this.handWrittenAdvised = proxy(this::handWrittenAdvice);
	}

	private static Payments proxy(MethodInterceptor advice) {
		ProxyFactory factory = new ProxyFactory(new Payments());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new DefaultPointcutAdvisor(new TracedPointcut(), advice));
		return (Payments) factory.getProxy();
	}

	private Object handWrittenAdvice(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		Span span = this.tracer.spanBuilder("process-payment")
			.setAttribute("code.function.name", FUNCTION)
			.setAttribute("order.id", (String) arguments[0])
			.setAttribute("payment.amount", (Double) arguments[1])
			.startSpan();
		try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
			return invocation.proceed();
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			throw ex;
		}
		finally {
			span.end();
		}
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
			.setAttribute("code.function.name", FUNCTION)
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

	@Benchmark
	public long springProxyOnly() {
		return this.proxiedOnly.charge("order-42", 59.99);
	}

	@Benchmark
	public long handWrittenSpanInAnAdvice() {
		return this.handWrittenAdvised.charge("order-42", 59.99);
	}

}
