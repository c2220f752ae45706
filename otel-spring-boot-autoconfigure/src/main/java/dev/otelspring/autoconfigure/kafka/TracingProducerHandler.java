package dev.otelspring.autoconfigure.kafka;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A traced Kafka {@link Producer}: each {@code send} is a PRODUCER span, ended when the
 * broker acknowledges the record or the send fails, with the trace context written into
 * the record's headers. Everything else goes straight to the producer, and a send that
 * fails at once throws the producer's own exception.
 */
final class TracingProducerHandler implements InvocationHandler {

	/** {@code send(record, callback)}, which a send without a callback is turned into. */
	private static final Method SEND_WITH_CALLBACK = sendWithCallback();

	private final Producer<?, ?> delegate;

	private final Supplier<KafkaTracing> tracing;

	private final String clientId;

	private TracingProducerHandler(Producer<?, ?> delegate, Supplier<KafkaTracing> tracing, String clientId) {
		this.delegate = delegate;
		this.tracing = tracing;
		this.clientId = clientId;
	}

	@SuppressWarnings("unchecked")
	static <K, V> Producer<K, V> wrap(Producer<K, V> delegate, Supplier<KafkaTracing> tracing, String clientId) {
		if (delegate == null || isTraced(delegate)) {
			return delegate;
		}
		return (Producer<K, V>) Proxy.newProxyInstance(TracingProducerHandler.class.getClassLoader(),
				new Class<?>[] { Producer.class }, new TracingProducerHandler(delegate, tracing, clientId));
	}

	static boolean isTraced(Producer<?, ?> producer) {
		return Proxy.isProxyClass(producer.getClass())
				&& Proxy.getInvocationHandler(producer) instanceof TracingProducerHandler;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if ("send".equals(method.getName()) && args != null && args.length >= 1
				&& args[0] instanceof ProducerRecord<?, ?> record) {
			return send(method, args, record);
		}
		if ("equals".equals(method.getName()) && args != null && args.length == 1) {
			return proxy == args[0];
		}
		if ("hashCode".equals(method.getName()) && (args == null || args.length == 0)) {
			return System.identityHashCode(proxy);
		}
		return call(method, args);
	}

	private Object send(Method method, Object[] args, ProducerRecord<?, ?> record) throws Throwable {
		KafkaTracing tracing = this.tracing.get();
		KafkaOperation send = tracing.startSend(record, this.clientId);
		Callback callback = (args.length >= 2) ? (Callback) args[1] : null;
		Object[] tracedArgs = new Object[] { record, (Callback) (metadata, exception) -> {
			tracing.endSend(send, metadata, exception);
			if (callback != null) {
				callback.onCompletion(metadata, exception);
			}
		} };
		try {
			return call((args.length >= 2) ? method : SEND_WITH_CALLBACK, tracedArgs);
		}
		catch (Throwable ex) {
			tracing.fail(send, ex);
			tracing.end(send);
			throw ex;
		}
	}

	private static Method sendWithCallback() {
		try {
			return Producer.class.getMethod("send", ProducerRecord.class, Callback.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Object call(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.delegate, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
