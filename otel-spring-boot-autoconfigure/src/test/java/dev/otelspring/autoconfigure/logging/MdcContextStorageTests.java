package dev.otelspring.autoconfigure.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MDC while contexts are attached through {@link MdcContextStorage}, wrapped directly
 * around the default storage: OpenTelemetry's global storage is left alone.
 */
class MdcContextStorageTests {

	private static final String OUTER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String OUTER_SPAN = "00f067aa0ba902b7";

	private static final String INNER_TRACE = "0af7651916cd43dd8448eb211c80319c";

	private static final String INNER_SPAN = "b7ad6b7169203331";

	private ContextStorage storage;

	private boolean installedBefore;

	@BeforeEach
	void createStorage() {
		// The constructor records that the wrapper was installed: put that back after.
		this.installedBefore = MdcContextStorage.installed;
		this.storage = new MdcContextStorage(ContextStorage.defaultStorage());
		MDC.clear();
	}

	@AfterEach
	void restore() {
		MdcContextStorage.installed = this.installedBefore;
		MDC.clear();
	}

	@Test
	void aValidSpanPutsItsIdsInTheMdcUntilTheScopeCloses() {
		try (Scope scope = this.storage.attach(context(OUTER_TRACE, OUTER_SPAN, TraceFlags.getSampled()))) {
			assertThat(MDC.get("trace_id")).isEqualTo(OUTER_TRACE);
			assertThat(MDC.get("span_id")).isEqualTo(OUTER_SPAN);
			assertThat(MDC.get("trace_flags")).isEqualTo("01");
			assertThat(Span.fromContext(this.storage.current()).getSpanContext().getSpanId()).isEqualTo(OUTER_SPAN);
		}
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void anUnsampledSpanHasItsFlags() {
		try (Scope scope = this.storage.attach(context(OUTER_TRACE, OUTER_SPAN, TraceFlags.getDefault()))) {
			assertThat(MDC.get("trace_flags")).isEqualTo("00");
		}
	}

	@Test
	void nestedScopesRestoreTheOuterSpansIds() {
		try (Scope outer = this.storage.attach(context(OUTER_TRACE, OUTER_SPAN, TraceFlags.getSampled()))) {
			try (Scope inner = this.storage.attach(context(INNER_TRACE, INNER_SPAN, TraceFlags.getDefault()))) {
				assertThat(MDC.get("trace_id")).isEqualTo(INNER_TRACE);
				assertThat(MDC.get("span_id")).isEqualTo(INNER_SPAN);
				assertThat(MDC.get("trace_flags")).isEqualTo("00");
			}
			assertThat(MDC.get("trace_id")).isEqualTo(OUTER_TRACE);
			assertThat(MDC.get("span_id")).isEqualTo(OUTER_SPAN);
			assertThat(MDC.get("trace_flags")).isEqualTo("01");
		}
		assertThat(MDC.get("trace_id")).isNull();
		assertThat(MDC.get("span_id")).isNull();
		assertThat(MDC.get("trace_flags")).isNull();
	}

	@Test
	void anInvalidSpanContextRemovesTheIdsUntilItsScopeCloses() {
		try (Scope outer = this.storage.attach(context(OUTER_TRACE, OUTER_SPAN, TraceFlags.getSampled()))) {
			try (Scope inner = this.storage.attach(Context.root())) {
				assertThat(MDC.get("trace_id")).isNull();
				assertThat(MDC.get("span_id")).isNull();
				assertThat(MDC.get("trace_flags")).isNull();
				try (Scope innermost = this.storage.attach(Context.root().with(Span.wrap(SpanContext.getInvalid())))) {
					assertThat(MDC.get("trace_id")).isNull();
				}
				assertThat(MDC.get("trace_id")).isNull();
			}
			assertThat(MDC.get("trace_id")).isEqualTo(OUTER_TRACE);
			assertThat(MDC.get("span_id")).isEqualTo(OUTER_SPAN);
		}
	}

	@Test
	void valuesSetBeforeAreRestoredAndOtherKeysLeftAlone() {
		MDC.put("trace_id", "set-by-someone-else");
		MDC.put("user", "bob");
		try (Scope scope = this.storage.attach(context(OUTER_TRACE, OUTER_SPAN, TraceFlags.getSampled()))) {
			assertThat(MDC.get("trace_id")).isEqualTo(OUTER_TRACE);
			assertThat(MDC.get("user")).isEqualTo("bob");
		}
		assertThat(MDC.get("trace_id")).isEqualTo("set-by-someone-else");
		assertThat(MDC.get("span_id")).isNull();
		assertThat(MDC.get("user")).isEqualTo("bob");
	}

	@Test
	void attachingTheCurrentContextAgainChangesNothing() {
		Context context = context(OUTER_TRACE, OUTER_SPAN, TraceFlags.getSampled());
		try (Scope outer = this.storage.attach(context)) {
			Scope again = this.storage.attach(context);
			assertThat(again).isSameAs(Scope.noop());
			again.close();
			assertThat(MDC.get("trace_id")).isEqualTo(OUTER_TRACE);
			assertThat(MDC.get("span_id")).isEqualTo(OUTER_SPAN);
		}
		assertThat(MDC.get("trace_id")).isNull();
	}

	@Test
	void eachThreadHasItsOwnIds() throws InterruptedException {
		String[] seen = new String[1];
		try (Scope scope = this.storage.attach(context(OUTER_TRACE, OUTER_SPAN, TraceFlags.getSampled()))) {
			Thread other = new Thread(() -> {
				try (Scope inner = this.storage.attach(context(INNER_TRACE, INNER_SPAN, TraceFlags.getSampled()))) {
					seen[0] = MDC.get("trace_id");
				}
			});
			other.start();
			other.join(5000);
			assertThat(seen[0]).isEqualTo(INNER_TRACE);
			assertThat(MDC.get("trace_id")).isEqualTo(OUTER_TRACE);
		}
	}

	private static Context context(String traceId, String spanId, TraceFlags flags) {
		return Context.root().with(Span.wrap(SpanContext.create(traceId, spanId, flags, TraceState.getDefault())));
	}

}
