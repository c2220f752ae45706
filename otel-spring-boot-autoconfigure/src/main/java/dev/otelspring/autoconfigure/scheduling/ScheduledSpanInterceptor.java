package dev.otelspring.autoconfigure.scheduling;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

import dev.otelspring.autoconfigure.internal.Guarded;
import dev.otelspring.autoconfigure.internal.StatusDescriptions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.CodeAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes each run of a {@code @Scheduled} method the root span of a trace of its own,
 * current while the method runs, so that what the job does (statements, HTTP calls,
 * {@code @Traced} methods, log lines) is inside it. Named {@code Class.method}, with
 * {@code code.function.name}; a run that throws is marked failed and the exception is
 * rethrown unchanged. Tracing failures cost the span, never the run.
 */
final class ScheduledSpanInterceptor implements MethodInterceptor {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.scheduling";

	private static final Log logger = LogFactory.getLog(ScheduledSpanInterceptor.class);

	private final ObjectProvider<OpenTelemetry> openTelemetry;

	private final ConcurrentHashMap<Method, String[]> names = new ConcurrentHashMap<>();

	private volatile Tracer tracer;

	ScheduledSpanInterceptor(ObjectProvider<OpenTelemetry> openTelemetry) {
		this.openTelemetry = openTelemetry;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Span span = start(invocation);
		Scope scope = (span != null) ? Guarded.makeCurrent(Context.root().with(span), logger) : Scope.noop();
		try {
			return invocation.proceed();
		}
		catch (Throwable ex) {
			fail(span, ex);
			throw ex;
		}
		finally {
			Guarded.close(scope, logger);
			if (span != null) {
				Guarded.end(span, logger);
			}
		}
	}

	private Span start(MethodInvocation invocation) {
		try {
			Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
					: invocation.getMethod().getDeclaringClass();
			String[] name = this.names.computeIfAbsent(invocation.getMethod(),
					(method) -> new String[] { targetClass.getSimpleName() + "." + method.getName(),
							targetClass.getName() + "." + method.getName() });
			return tracer().spanBuilder(name[0])
				.setNoParent()
				.setSpanKind(SpanKind.INTERNAL)
				.setAttribute(CodeAttributes.CODE_FUNCTION_NAME, name[1])
				.startSpan();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start the span of a scheduled run", ex);
			return null;
		}
	}

	private Tracer tracer() {
		Tracer tracer = this.tracer;
		if (tracer == null) {
			tracer = this.openTelemetry.getIfAvailable(OpenTelemetry::noop).getTracer(INSTRUMENTATION_NAME);
			this.tracer = tracer;
		}
		return tracer;
	}

	private static void fail(Span span, Throwable failure) {
		if (span == null) {
			return;
		}
		try {
			span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR, StatusDescriptions.of(failure.getMessage()));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the failure of a scheduled run", ex);
		}
	}

}
