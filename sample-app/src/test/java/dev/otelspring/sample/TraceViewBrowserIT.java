package dev.otelspring.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.otelspring.test.Browser;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace view of the running sample (profile {@code dev}) in a real browser, headless
 * Chromium from Debian's packages: an order's trace in the list, its waterfall with one
 * bar per exported span in the right order and nesting, a span's attributes with markup
 * shown as text, and a trace of more than 10,000 spans. Screenshots go to
 * {@code target/trace-view/}.
 */
class TraceViewBrowserIT {

	static final String MARKUP_SKU = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

	static final Duration WAIT = Duration.ofSeconds(30);

	static final Path SCREENSHOTS = Path.of("target", "trace-view");

	@Test
	void showsTheSamplesTracesInTheBrowser() throws Exception {
		try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
			SampleProcess sample = SampleProcess.start(List.of(), List.of(), "--spring.profiles.active=dev",
					"--otel.traces.exporter=otlp", "--otel.exporter.otlp.endpoint=" + receiver.endpoint(),
					"--otel.spring.http.server.trace-response-header=true", "--otel.bsp.max.queue.size=30000",
					"--otel.spring.trace-view.max-bytes=64MB");
			try (Browser browser = Browser.start()) {
				String base = "http://127.0.0.1:" + sample.port();
				assertThat(sample.log()).doesNotContain("The trace view is on without a development profile");
				anOrderAsAWaterfall(browser, base, receiver);
				aTraceOfMoreThanTenThousandSpans(browser, base);
			}
			finally {
				sample.stop();
			}
		}
	}

	private void anOrderAsAWaterfall(Browser browser, String base, OtlpHttpReceiver receiver) {
		HttpResponse<String> placed = TestHttp.send("POST", base + "/api/orders",
				order("{\"sku\":\"book-1\",\"quantity\":1,\"unitPrice\":9.5}",
						"{\"sku\":\"" + MARKUP_SKU.replace("\"", "\\\"") + "\",\"quantity\":1,\"unitPrice\":1}"),
				"Content-Type", "application/json");
		assertThat(placed.statusCode()).isEqualTo(201);
		String traceId = TestHttp.traceId(placed);
		receiver.awaitSpan((span) -> span.traceId().equals(traceId) && span.name().equals("POST /api/orders"));
		List<ReceivedSpan> exported = receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
		assertThat(exported).hasSize(GracefulShutdownIT.SPANS_PER_ORDER + 3);

		browser.open(base + "/otel/trace-view");
		String row = "tr.trace-row[data-trace-id='" + traceId + "']";
		browser.waitForScript("the order's trace in the list", WAIT, "return document.querySelector(arguments[0])",
				row);
		assertThat(browser.text(row + " td.name")).isEqualTo("POST /api/orders");
		assertThat(browser.text(row + " td.spans")).isEqualTo(String.valueOf(exported.size()));
		browser.screenshot(SCREENSHOTS.resolve("list.png"));

		// A declined payment: an error trace, which the status filter tells apart.
		HttpResponse<String> declined = TestHttp.send("POST", base + "/api/orders",
				order("{\"sku\":\"book-1\",\"quantity\":1,\"unitPrice\":5000}"), "Content-Type", "application/json");
		assertThat(declined.statusCode()).isNotEqualTo(201);
		String declinedRow = "tr.trace-row[data-trace-id='" + TestHttp.traceId(declined) + "']";
		browser.waitForScript("the declined order's trace listed", WAIT, "return document.querySelector(arguments[0])",
				declinedRow);
		assertThat(browser.count(declinedRow + " .error-mark")).isEqualTo(1);
		assertThat(browser.count(row + " .error-mark")).isZero();
		assertThat(filtered(browser, "#filter-status", "error")).containsExactly(TestHttp.traceId(declined));
		assertThat(filtered(browser, "#filter-status", "ok")).containsExactly(traceId);
		filtered(browser, "#filter-status", "all");
		assertThat(filtered(browser, "#filter-name", "no such span")).isEmpty();
		assertThat(filtered(browser, "#filter-name", "api/ORDERS")).hasSize(2);
		filtered(browser, "#filter-name", "");

		browser.click(row);
		browser.waitForScript("one bar per span", WAIT,
				"return document.querySelectorAll('#waterfall-rows .span-row .span-bar').length === arguments[0]",
				exported.size());
		List<String> shown = strings(browser.script("""
				return Array.from(document.querySelectorAll('#waterfall-rows .span-row'))
					.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
					.map((r) => r.dataset.spanId + ' ' + r.dataset.depth + ' '
						+ r.querySelector('.span-label').textContent);
				"""));
		assertThat(shown).containsExactlyElementsOf(depthFirst(exported));

		ReceivedSpan markup = exported.stream()
			.filter((span) -> MARKUP_SKU.equals(span.attribute("product.sku"))
					&& span.name().equals("update-inventory"))
			.findFirst()
			.orElseThrow();
		browser.click(".span-row[data-span-id='" + markup.spanId() + "'] .span-label");
		browser.waitForScript("the span's details", WAIT,
				"const h = document.querySelector('#span-details h2.detail-name');"
						+ " return h !== null && h.textContent === 'update-inventory'"
						+ " && document.querySelector('#span-details td.attr-key') !== null");
		List<String> attributes = strings(browser.script("""
				return Array.from(document.querySelectorAll('#span-details table.attributes tr'))
					.filter((r) => r.querySelector('td.attr-key'))
					.map((r) => r.querySelector('td.attr-key').textContent + '='
						+ r.querySelector('td.attr-value').textContent);
				"""));
		assertThat(attributes).contains("product.sku=" + MARKUP_SKU, "product.quantity=1");
		assertThat(browser.script("return window.__xss === undefined"
				+ " && document.querySelectorAll('#span-details script, #span-details img').length === 0"))
			.isEqualTo(true);
		browser.screenshot(SCREENSHOTS.resolve("waterfall.png"));
	}

	private void aTraceOfMoreThanTenThousandSpans(Browser browser, String base) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < 3400; i++) {
			items.add("{\"sku\":\"pen-2\",\"quantity\":1,\"unitPrice\":0.01}");
		}
		HttpResponse<String> placed = TestHttp.send("POST", base + "/api/orders", order(items.toArray(String[]::new)),
				"Content-Type", "application/json");
		assertThat(placed.statusCode()).isEqualTo(201);
		String traceId = TestHttp.traceId(placed);

		browser.open(base + "/otel/trace-view#trace=" + traceId);
		browser.waitForScript("the large trace's waterfall", WAIT,
				"const header = document.querySelector('#trace-header');"
						+ " return header !== null && header.textContent.includes(arguments[0])"
						+ " && document.querySelectorAll('#waterfall-rows .span-row').length > 0",
				traceId);
		// The list refreshes itself every two seconds; it may have shown the trace while
		// it was
		// still growing.
		browser.waitForScript("the large trace listed whole", WAIT,
				"const cell = document.querySelector('tr.trace-row[data-trace-id=\"' + arguments[0] + '\"] td.spans');"
						+ " return cell !== null && Number(cell.textContent.replace(/[^0-9]/g, '')) > 10000",
				traceId);
		assertThat(browser.count("#waterfall-rows .span-row")).isLessThan(300);
		assertThat(labels(browser)).doesNotContain("send-confirmation");

		// The last of the root's children is drawn once the view is scrolled to the end.
		browser.script("const s = document.getElementById('waterfall-scroll'); s.scrollTop = s.scrollHeight;");
		browser.waitUntil("the end of the waterfall drawn", WAIT, () -> labels(browser).contains("send-confirmation"));
		assertThat(browser.count("#waterfall-rows .span-row")).isLessThan(300);
		browser.screenshot(SCREENSHOTS.resolve("large-trace.png"));
	}

	// Sets a filter as a user would and returns the trace ids the list then shows.
	private static List<String> filtered(Browser browser, String filter, String value) {
		browser.script("""
				const input = document.querySelector(arguments[0]);
				input.value = arguments[1];
				input.dispatchEvent(new Event('input', { bubbles: true }));
				input.dispatchEvent(new Event('change', { bubbles: true }));
				""", filter, value);
		return strings(browser
			.script("return Array.from(document.querySelectorAll('tr.trace-row')).map((r) => r.dataset.traceId)"));
	}

	private static Set<String> labels(Browser browser) {
		return Set.copyOf(strings(browser.script(
				"return Array.from(document.querySelectorAll('#waterfall-rows .span-label')).map((l) => l.textContent)")));
	}

	private static String order(String... items) {
		return "{\"customerId\":\"c-42\",\"items\":[" + String.join(",", items) + "]}";
	}

	// The spans in the order the view must draw them: parents before children, siblings
	// by start time, each with its depth.
	private static List<String> depthFirst(List<ReceivedSpan> spans) {
		Set<String> ids = spans.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
		Map<String, List<ReceivedSpan>> children = new HashMap<>();
		List<ReceivedSpan> roots = new ArrayList<>();
		for (ReceivedSpan span : spans) {
			if (ids.contains(span.parentSpanId())) {
				children.computeIfAbsent(span.parentSpanId(), (key) -> new ArrayList<>()).add(span);
			}
			else {
				roots.add(span);
			}
		}
		List<String> order = new ArrayList<>();
		visit(roots, 0, children, order);
		return order;
	}

	private static void visit(List<ReceivedSpan> siblings, int depth, Map<String, List<ReceivedSpan>> children,
			List<String> order) {
		List<ReceivedSpan> sorted = new ArrayList<>(siblings);
		sorted.sort(Comparator.comparingLong((ReceivedSpan span) -> span.span().getStartTimeUnixNano()));
		for (ReceivedSpan span : sorted) {
			order.add(span.spanId() + " " + depth + " " + span.name());
			visit(children.getOrDefault(span.spanId(), List.of()), depth + 1, children, order);
		}
	}

	private static List<String> strings(Object list) {
		return ((List<?>) list).stream().map(String::valueOf).toList();
	}

}
