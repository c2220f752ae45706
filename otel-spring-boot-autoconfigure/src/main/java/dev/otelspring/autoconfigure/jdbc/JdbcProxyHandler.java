package dev.otelspring.autoconfigure.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What the connection and statement proxies share: {@code unwrap}, {@code isWrapperFor},
 * {@code equals} and {@code hashCode} answered for the proxy itself, and every other call
 * passed to the driver's object with the driver's exception unchanged.
 */
abstract class JdbcProxyHandler implements InvocationHandler {

	/** Returned by {@link #answerForProxy} when the proxy has no answer of its own. */
	static final Object NO_ANSWER = new Object();

	private final Object delegate;

	JdbcProxyHandler(Object delegate) {
		this.delegate = delegate;
	}

	/**
	 * Answers the wrapper and identity methods for the proxy: it unwraps to itself for
	 * the types it implements, and equals only itself.
	 * @param proxy the proxy
	 * @param method the method called
	 * @param args its arguments
	 * @return the answer, or {@link #NO_ANSWER}
	 */
	static Object answerForProxy(Object proxy, Method method, Object[] args) {
		boolean oneArgument = args != null && args.length == 1;
		switch (method.getName()) {
			case "unwrap" -> {
				if (oneArgument && args[0] instanceof Class<?> type && type.isInstance(proxy)) {
					return proxy;
				}
			}
			case "isWrapperFor" -> {
				if (oneArgument && args[0] instanceof Class<?> type && type.isInstance(proxy)) {
					return true;
				}
			}
			case "equals" -> {
				if (oneArgument) {
					return proxy == args[0];
				}
			}
			case "hashCode" -> {
				if (args == null || args.length == 0) {
					return System.identityHashCode(proxy);
				}
			}
			default -> {
			}
		}
		return NO_ANSWER;
	}

	/**
	 * Calls the method on the driver's object.
	 * @param method the method
	 * @param args its arguments
	 * @return what it returned
	 * @throws Throwable what it threw, unchanged
	 */
	final Object call(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.delegate, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
