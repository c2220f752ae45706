package dev.otelspring.autoconfigure.aop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.WithOtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code @Traced} spans and context propagation, asserted on the spans as they arrive
 * over OTLP.
 */
@WithOtlpReceiver
@SpringBootTest(classes = TracedTestApplication.class,
		properties = { "otel.service.name=traced-test", "otel.bsp.schedule.delay=50ms" })
class TracedIntegrationTests {

	@Autowired
	OtlpHttpReceiver receiver;

	@Autowired
	OpenTelemetry openTelemetry;

	@Autowired
	TracedTestApplication.Orders orders;

	@Autowired
	TracedTestApplication.Inventory inventory;

	@Autowired
	TracedTestApplication.Notifier notifier;

	@Autowired
	TracedTestApplication.Background background;

	@Autowired
	ThreadPoolTaskExecutor applicationTaskExecutor;

	@Test
	void syncCallIsAChildSpanWithParameterAttributesOfTheRightTypes() {
		String traceId = underRoot("root-sync", () -> this.orders.place("o-1", 3, 59.99, true, List.of("a", "b"),
				new long[] { 7, 8 }, null, new StringBuilder("customer-9")));
		ReceivedSpan root = await(traceId, "root-sync");
		ReceivedSpan place = await(traceId, "Orders.place");
		ReceivedSpan payment = await(traceId, "process-payment");
		assertThat(place.parentSpanId()).isEqualTo(root.spanId());
		assertThat(payment.parentSpanId()).isEqualTo(place.spanId());
		assertThat(place.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL);
		assertThat(place.attributes()).containsEntry("order.id", "o-1")
			.containsEntry("order.quantity", 3L)
			.containsEntry("order.value", 59.99)
			.containsEntry("order.express", true)
			.containsEntry("order.tags", List.of("a", "b"))
			.containsEntry("order.lines", List.of(7L, 8L))
			.containsEntry("customer", "customer-9")
			.containsEntry("code.function.name", TracedTestApplication.Orders.class.getName() + ".place")
			.doesNotContainKey("order.note");
		assertThat(payment.attributes()).containsEntry("payment.amount", 59.99);
		assertThat(place.scope()).isEqualTo("dev.otelspring.annotation");
		assertThat(place.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
	}

	@Test
	void exceptionIsRecordedMarkedAndPropagatedUnchanged() {
		IllegalArgumentException thrown = new IllegalArgumentException();
		String traceId = underRoot("root-fail", () -> {
			assertThatIllegalArgumentException().isThrownBy(() -> this.orders.reject("no stock"))
				.withMessage("rejected: no stock")
				.satisfies((ex) -> assertThat(ex.getClass()).isEqualTo(thrown.getClass()));
			return null;
		});
		ReceivedSpan span = await(traceId, "reject-order");
		assertThat(span.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
		assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(span.attributes()).containsEntry("component", "orders").containsEntry("tier", "gold");
		assertThat(span.events()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("exception");
			assertThat(ReceivedSpan.toMap(event.getAttributesList()))
				.containsEntry("exception.type", IllegalArgumentException.class.getName())
				.containsEntry("exception.message", "rejected: no stock");
		});
	}

	@Test
	void completableFutureEndsTheSpanWhenItCompletes() throws Exception {
		String traceId = underRoot("root-cf", () -> this.orders.later().get());
		ReceivedSpan span = await(traceId, "async-ok");
		assertThat(duration(span)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
		assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
	}

	@Test
	void completableFutureDeclaredAsObjectEndsTheSpanWhenItCompletes() throws Exception {
		String traceId = underRoot("root-cf-object", () -> ((CompletableFuture<?>) this.orders.laterAsObject()).get());
		assertThat(duration(await(traceId, "async-as-object"))).isGreaterThanOrEqualTo(Duration.ofMillis(90));
	}

	@Test
	void failedCompletableFutureIsAnError() {
		String traceId = underRoot("root-cf-fail", () -> {
			Future<String> future = this.orders.laterFailing();
			assertThat(future).failsWithin(Duration.ofSeconds(5));
			return null;
		});
		ReceivedSpan span = await(traceId, "async-fail");
		assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(duration(span)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
		assertThat(span.events()).singleElement()
			.satisfies((event) -> assertThat(ReceivedSpan.toMap(event.getAttributesList()))
				.containsEntry("exception.type", IllegalStateException.class.getName()));
	}

	@Test
	void monoAndFluxEndTheSpanOnTermination() {
		String traceId = underRoot("root-reactor", () -> {
			StepVerifier.create(this.orders.mono()).expectNext("m").verifyComplete();
			StepVerifier.create(this.orders.flux()).expectNext(1, 2, 3).verifyComplete();
			StepVerifier.create(this.orders.fluxFailing()).expectNext(1).verifyError(IllegalStateException.class);
			return null;
		});
		ReceivedSpan mono = await(traceId, "mono");
		assertThat(duration(mono)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
		assertThat(await(traceId, "flux").statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
		assertThat(await(traceId, "flux-fail").statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
	}

	@Test
	void classLevelAnnotationTracesPublicMethods() {
		String traceId = underRoot("root-class", () -> this.inventory.reserve("sku-1"));
		ReceivedSpan span = await(traceId, "Inventory.reserve");
		assertThat(span.attributes()).containsEntry("code.function.name",
				TracedTestApplication.Inventory.class.getName() + ".reserve");
	}

	@Test
	void interfaceMethodAnnotationIsHonoured() {
		String traceId = underRoot("root-interface", () -> this.notifier.send("ann@example.com"));
		ReceivedSpan span = await(traceId, "notify");
		assertThat(span.attributes()).containsEntry("recipient", "ann@example.com");
		assertThat(AopUtils.isCglibProxy(this.notifier)).isTrue();
	}

	@Test
	void untracedMethodsMakeNoSpan() {
		String traceId = underRoot("root-untraced", () -> this.orders.untraced());
		await(traceId, "root-untraced");
		assertThat(this.receiver.spans()).filteredOn((span) -> span.traceId().equals(traceId)).hasSize(1);
	}

	@Test
	void asyncMethodRunsInTheCallersTrace() {
		String traceId = underRoot("root-async", () -> {
			String result = this.background.work().get();
			assertThat(result).startsWith(Span.current().getSpanContext().getTraceId());
			return null;
		});
		ReceivedSpan root = await(traceId, "root-async");
		ReceivedSpan payment = await(traceId, "process-payment");
		assertThat(payment.parentSpanId()).isEqualTo(root.spanId());
	}

	@Test
	void executorTasksRunInTheCallersTrace() {
		Tracer tracer = this.openTelemetry.getTracer("test");
		String traceId = underRoot("root-executor",
				() -> this.applicationTaskExecutor.submit(() -> tracer.spanBuilder("in-executor").startSpan().end())
					.get());
		ReceivedSpan root = await(traceId, "root-executor");
		assertThat(await(traceId, "in-executor").parentSpanId()).isEqualTo(root.spanId());
	}

	@Test
	void parameterWithoutNameOrKeyIsReportedClearly() throws Exception {
		Class<?> compiled = NoParametersCompiler.compileWithoutParameterNames();
		assertThatIllegalStateException()
			.isThrownBy(() -> TracedMethods.resolve(compiled.getMethod("handle", String.class), compiled))
			.withMessageContaining("compile with '-parameters'")
			.withMessageContaining("@SpanAttribute(\"order.id\")");
	}

	@Test
	void argumentsAreReadOnlyForSpansThatMayBeRecorded() {
		AtomicInteger reads = new AtomicInteger();
		Object customer = new Object() {
			@Override
			public String toString() {
				reads.incrementAndGet();
				return "customer-1";
			}
		};
		// A caller that did not sample: the span only carries the context on.
		SpanContext unsampled = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736",
				"00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault());
		try (Scope scope = Context.root().with(Span.wrap(unsampled)).makeCurrent()) {
			this.orders.place("o-2", 1, 1.0, false, List.of(), new long[0], null, customer);
		}
		assertThat(reads).hasValue(0);
		String traceId = underRoot("root-sampled",
				() -> this.orders.place("o-3", 1, 1.0, false, List.of(), new long[0], null, customer));
		assertThat(await(traceId, "Orders.place").attributes()).containsEntry("customer", "customer-1");
		assertThat(reads).hasValue(1);
	}

	private String underRoot(String name, java.util.concurrent.Callable<?> work) {
		Span root = this.openTelemetry.getTracer("test").spanBuilder(name).startSpan();
		try (Scope scope = root.makeCurrent()) {
			work.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			root.end();
		}
		return root.getSpanContext().getTraceId();
	}

	private ReceivedSpan await(String traceId, String name) {
		return this.receiver.awaitSpan((span) -> span.traceId().equals(traceId) && span.name().equals(name));
	}

	private static Duration duration(ReceivedSpan span) {
		return Duration.ofNanos(span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano());
	}

}
