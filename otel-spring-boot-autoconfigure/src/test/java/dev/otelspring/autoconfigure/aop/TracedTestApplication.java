package dev.otelspring.autoconfigure.aop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.otelspring.annotation.SpanAttribute;
import dev.otelspring.annotation.Traced;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;

@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@Import({ TracedTestApplication.Orders.class, TracedTestApplication.Payments.class,
		TracedTestApplication.Inventory.class, TracedTestApplication.EmailNotifier.class,
		TracedTestApplication.Background.class })
public class TracedTestApplication {

	/** The MDC seen inside the last traced call. */
	public static final AtomicReference<Map<String, String>> mdcInside = new AtomicReference<>();

	@Service
	public static class Orders {

		private final Payments payments;

		public Orders(Payments payments) {
			this.payments = payments;
		}

		@Traced
		public String place(@SpanAttribute("order.id") String id, @SpanAttribute("order.quantity") int quantity,
				@SpanAttribute("order.value") double value, @SpanAttribute("order.express") boolean express,
				@SpanAttribute("order.tags") List<String> tags, @SpanAttribute("order.lines") long[] lines,
				@SpanAttribute("order.note") String note, @SpanAttribute Object customer) {
			mdcInside.set(MDC.getCopyOfContextMap());
			return this.payments.charge(value);
		}

		@Traced(value = "reject-order", kind = SpanKind.CLIENT, attributes = { "component=orders", "tier = gold" })
		public void reject(String reason) {
			throw new IllegalArgumentException("rejected: " + reason);
		}

		@Traced("async-ok")
		public CompletableFuture<String> later() {
			return CompletableFuture.supplyAsync(() -> sleepThen("ok"));
		}

		@Traced("async-fail")
		public CompletableFuture<String> laterFailing() {
			return CompletableFuture.supplyAsync(() -> {
				sleepThen("");
				throw new IllegalStateException("async failure");
			});
		}

		/** A result whose declared type says nothing of when it completes. */
		@Traced("async-as-object")
		public Object laterAsObject() {
			return CompletableFuture.supplyAsync(() -> sleepThen("ok"));
		}

		@Traced("mono")
		public Mono<String> mono() {
			return Mono.fromSupplier(() -> sleepThen("m"));
		}

		@Traced("flux")
		public Flux<Integer> flux() {
			return Flux.range(1, 3);
		}

		@Traced("flux-fail")
		public Flux<Integer> fluxFailing() {
			return Flux.concat(Flux.just(1), Flux.error(new IllegalStateException("flux failure")));
		}

		public String untraced() {
			return "plain";
		}

		static String sleepThen(String value) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return value;
		}

	}

	@Service
	public static class Payments {

		@Traced("process-payment")
		public String charge(@SpanAttribute("payment.amount") double amount) {
			return "charged " + amount;
		}

	}

	@Service
	@Traced
	public static class Inventory {

		public int reserve(String sku) {
			return 1;
		}

		int packageVisible() {
			return 2;
		}

	}

	public interface Notifier {

		@Traced("notify")
		String send(@SpanAttribute("recipient") String to);

	}

	@Service
	public static class EmailNotifier implements Notifier {

		@Override
		public String send(String to) {
			return "sent to " + to;
		}

	}

	@Service
	public static class Background {

		private final Payments payments;

		public Background(Payments payments) {
			this.payments = payments;
		}

		@Async
		public CompletableFuture<String> work() {
			String child = this.payments.charge(1.0);
			return CompletableFuture.completedFuture(Span.current().getSpanContext().getTraceId() + " " + child);
		}

	}

}
