package dev.otelspring.autoconfigure.aop;

import java.util.concurrent.CompletionStage;

import dev.otelspring.annotation.Traced;
import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The advice behind {@link Traced}: a span around each call, ended when the method
 * returns or throws, or, for a {@link CompletionStage}, {@code Mono} or {@code Flux}
 * result, when that result completes. The method's own exceptions propagate unchanged; a
 * failure in this advice's own work never reaches the caller. Thread-safe.
 */
final class TracedMethodInterceptor implements MethodInterceptor {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.annotation";

	private static final Log logger = LogFactory.getLog(TracedMethodInterceptor.class);

	private final Tracer tracer;

	private final UnsampledParents unsampledParents;

	private final TracedMethods methods = new TracedMethods();

	TracedMethodInterceptor(OpenTelemetry openTelemetry) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
		this.unsampledParents = UnsampledParents.of(openTelemetry);
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		TracedMethod method = describe(invocation);
		Span span = (method != null) ? start(method, invocation) : null;
		if (span == null) {
			return invocation.proceed();
		}
		Scope scope = Guarded.makeCurrent(Context.current().with(span), logger);
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			Guarded.close(scope, logger);
			TracedSpans.fail(span, ex);
			TracedSpans.end(span);
			throw ex;
		}
		Guarded.close(scope, logger);
		if (method.mayCompleteLater) {
			return endWhenDone(span, result);
		}
		TracedSpans.end(span);
		return result;
	}

	private Span start(TracedMethod method, MethodInvocation invocation) {
		try {
			SpanBuilder builder = this.tracer.spanBuilder(method.spanName).setSpanKind(method.kind);
			// The arguments are read only for a span that may be recorded.
			if (!this.unsampledParents.dropsChildOf(Context.current())) {
				method.setAttributes(builder, invocation.getArguments());
			}
			return builder.startSpan();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a @Traced span; the method runs untraced", ex);
			return null;
		}
	}

	private TracedMethod describe(MethodInvocation invocation) {
		try {
			return this.methods.lookUp(invocation.getMethod(), invocation.getThis());
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not look up the @Traced method; it runs untraced", ex);
			return null;
		}
	}

	private static Object endWhenDone(Span span, Object result) {
		try {
			if (result instanceof CompletionStage<?> stage) {
				return stage.whenComplete((value, failure) -> {
					if (failure != null) {
						TracedSpans.fail(span, TracedSpans.unwrap(failure));
					}
					TracedSpans.end(span);
				});
			}
			if (TracedSpans.REACTOR_PRESENT && ReactorSupport.isReactive(result)) {
				return ReactorSupport.endOnTermination(span, result);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not attach the @Traced span to the method's result", ex);
		}
		TracedSpans.end(span);
		return result;
	}

}
