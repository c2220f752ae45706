package dev.otelspring.autoconfigure.traceview;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The trace view as an Actuator endpoint, {@code traceview}: the page at
 * {@code /actuator/traceview}, the list of traces at {@code /actuator/traceview/traces}
 * and one trace at {@code /actuator/traceview/traces/<trace id>}. It is exposed and
 * secured like any other endpoint.
 */
@WebEndpoint(id = "traceview")
public class TraceViewEndpoint {

	private final TraceViewContent content;

	TraceViewEndpoint(TraceViewContent content) {
		this.content = content;
	}

	/**
	 * Returns the page.
	 * @return the HTML page
	 */
	@ReadOperation(produces = TraceViewContent.HTML)
	public String page() {
		return this.content.page();
	}

	/**
	 * Returns the list of held traces.
	 * @param resource {@code traces}
	 * @return the JSON list, or {@code null} (not found) for another resource
	 */
	@ReadOperation(produces = TraceViewContent.JSON)
	public String traces(@Selector String resource) {
		return "traces".equals(resource) ? this.content.traces() : null;
	}

	/**
	 * Returns one held trace.
	 * @param resource {@code traces}
	 * @param traceId the trace id
	 * @return the trace's JSON, or {@code null} (not found) when it is not held
	 */
	@ReadOperation(produces = TraceViewContent.JSON)
	public String trace(@Selector String resource, @Selector String traceId) {
		return "traces".equals(resource) ? this.content.trace(traceId) : null;
	}

}
