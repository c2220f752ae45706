package dev.otelspring.autoconfigure.aop;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.otelspring.annotation.Traced;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.util.ClassUtils;

/**
 * The advice behind {@link Traced}: a span around each call, ended when the method returns or throws,
 * or, for a {@link CompletionStage}, {@code Mono} or {@code Flux} result, when that result completes.
 * The method's own exceptions propagate unchanged; a failure in this advice's own work never reaches
 * the caller. Thread-safe.
 */
final class TracedMethodInterceptor implements MethodInterceptor {

	static final String INSTRUMENTATION_NAME = "dev.otelspring.annotation";

	private static final Log logger = LogFactory.getLog(TracedMethodInterceptor.class);

	static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			TracedMethodInterceptor.class.getClassLoader());

	private final Tracer tracer;

	/** The common case, one target class per method: looked up without allocating a key. */
	private final ConcurrentHashMap<Method, TracedMethod> byMethod = new ConcurrentHashMap<>();

	/** Methods shared by several target classes (an interface method, say). */
	private final ConcurrentHashMap<MethodClassKey, TracedMethod> byMethodAndClass = new ConcurrentHashMap<>();

	TracedMethodInterceptor(OpenTelemetry openTelemetry) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		TracedMethod method = describe(invocation);
		Span span = (method != null) ? start(method, invocation) : null;
		if (span == null) {
			return invocation.proceed();
		}
		Scope scope = makeCurrent(span);
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			close(scope);
			fail(span, ex);
			end(span);
			throw ex;
		}
		close(scope);
		if (method.mayCompleteLater) {
			return endWhenDone(span, result);
		}
		end(span);
		return result;
	}

	/** Makes the span current; if the context storage fails, the method runs without it. */
	private static Scope makeCurrent(Span span) {
		try {
			return span.makeCurrent();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not make the @Traced span current", ex);
			return Scope.noop();
		}
	}

	private static void close(Scope scope) {
		try {
			scope.close();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not close the @Traced span's scope", ex);
		}
	}

	/** Ends the span; a span processor that throws costs the span, never the caller. */
	static void end(Span span) {
		try {
			span.end();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not end a @Traced span", ex);
		}
	}

	private Span start(TracedMethod method, MethodInvocation invocation) {
		try {
			SpanBuilder builder = this.tracer.spanBuilder(method.spanName).setSpanKind(method.kind);
			method.setAttributes(builder, invocation.getArguments());
			return builder.startSpan();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not start a @Traced span; the method runs untraced", ex);
			return null;
		}
	}

	private TracedMethod describe(MethodInvocation invocation) {
		try {
			return lookUp(invocation);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not look up the @Traced method; it runs untraced", ex);
			return null;
		}
	}

	private TracedMethod lookUp(MethodInvocation invocation) {
		Object target = invocation.getThis();
		Method invoked = invocation.getMethod();
		TracedMethod method = this.byMethod.get(invoked);
		if (method != null && target != null && method.targetClass == target.getClass()) {
			return method;
		}
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invoked.getDeclaringClass();
		if (method != null && method.targetClass == targetClass) {
			return method;
		}
		MethodClassKey key = new MethodClassKey(invoked, targetClass);
		method = this.byMethodAndClass.get(key);
		if (method == null) {
			method = resolve(invoked, targetClass);
			if (method != null) {
				this.byMethodAndClass.putIfAbsent(key, method);
				this.byMethod.putIfAbsent(invoked, method);
			}
		}
		return method;
	}

	/**
	 * Works out the span of a method, or {@code null} when it is not traced. Throws for a declaration
	 * error (such as a {@code @SpanAttribute} with no key and no parameter name), which is why the
	 * pointcut calls it at startup.
	 */
	static TracedMethod resolve(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		Traced traced = TracedMethod.findAnnotation(specific, targetClass);
		return (traced != null) ? TracedMethod.of(specific, targetClass, traced) : null;
	}

	private static Object endWhenDone(Span span, Object result) {
		try {
			if (result instanceof CompletionStage<?> stage) {
				return stage.whenComplete((value, failure) -> {
					if (failure != null) {
						fail(span, unwrap(failure));
					}
					end(span);
				});
			}
			if (REACTOR_PRESENT && ReactorSupport.isReactive(result)) {
				return ReactorSupport.endOnTermination(span, result);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not attach the @Traced span to the method's result", ex);
		}
		end(span);
		return result;
	}

	static Throwable unwrap(Throwable failure) {
		if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
			return failure.getCause();
		}
		return failure;
	}

	static void fail(Span span, Throwable failure) {
		try {
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR, failure.getMessage() != null ? failure.getMessage() : "");
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the failure on a @Traced span", ex);
		}
	}

}
