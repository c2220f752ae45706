package dev.otelspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This starter's sampling extras, under {@code otel.spring.sampling}: rules in front of the head
 * sampler, and tail sampling in the application.
 */
@ConfigurationProperties("otel.spring.sampling")
public class SamplingProperties {

	/**
	 * Rules applied in order before the head sampler (otel.traces.sampler); the first match decides,
	 * and a span no rule matches falls through to the head sampler.
	 */
	private List<Rule> rules = new ArrayList<>();

	private final Tail tail = new Tail();

	public List<Rule> getRules() {
		return this.rules;
	}

	public void setRules(List<Rule> rules) {
		this.rules = rules;
	}

	public Tail getTail() {
		return this.tail;
	}

	/** What a rule does with the spans it matches. */
	public enum Action {

		/** Record nothing for the span (and, for a root, its trace). */
		DROP,
		/** Record and export the span, whatever the head sampler would say. */
		SAMPLE

	}

	/** The span kinds a rule can match. */
	public enum Kind {

		/** An internal operation. */
		INTERNAL,
		/** The handling of an incoming request. */
		SERVER,
		/** An outgoing request. */
		CLIENT,
		/** The sending of a message. */
		PRODUCER,
		/** The receiving of a message. */
		CONSUMER

	}

	/**
	 * One sampling rule. Patterns are exact, "prefix/**", "prefix*" or "*suffix". Every condition set
	 * must match; at least one must be set.
	 */
	public static class Rule {

		/**
		 * What to do with a matching span: DROP or SAMPLE.
		 */
		private Action action;

		/**
		 * The span kind to match.
		 */
		private Kind spanKind;

		/**
		 * The span name pattern to match.
		 */
		private String name;

		/**
		 * The url.path pattern to match, such as /actuator/**.
		 */
		private String urlPath;

		/**
		 * The http.route pattern to match; at span start the request path stands in for the route.
		 */
		private String httpRoute;

		public Action getAction() {
			return this.action;
		}

		public void setAction(Action action) {
			this.action = action;
		}

		public Kind getSpanKind() {
			return this.spanKind;
		}

		public void setSpanKind(Kind spanKind) {
			this.spanKind = spanKind;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getUrlPath() {
			return this.urlPath;
		}

		public void setUrlPath(String urlPath) {
			this.urlPath = urlPath;
		}

		public String getHttpRoute() {
			return this.httpRoute;
		}

		public void setHttpRoute(String httpRoute) {
			this.httpRoute = httpRoute;
		}

	}

	/**
	 * Tail sampling: whole local traces kept or dropped once they have finished.
	 */
	public static class Tail {

		/**
		 * Whether to hold each trace's spans until its local part has finished, then keep or drop the
		 * whole trace.
		 */
		private boolean enabled = false;

		/**
		 * How long a trace must be quiet (all its spans in this process ended, none ending) before it
		 * is decided; the grace period for children that end late.
		 */
		private Duration decisionWait = Duration.ofMillis(500);

		/**
		 * The longest a trace is held; a trace whose spans never all end is decided then.
		 */
		private Duration maxTraceAge = Duration.ofSeconds(30);

		/**
		 * Whether every trace with a span of ERROR status is kept.
		 */
		private boolean keepErrors = true;

		/**
		 * Traces whose local root span takes longer than this are kept. Unset: no slow rule.
		 */
		private Duration slowThreshold;

		/**
		 * Traces with a span whose attribute has the given value are kept (attribute key to value).
		 */
		private Map<String, String> keepAttributes = new LinkedHashMap<>();

		/**
		 * The fraction, from 0.0 to 1.0, of the other traces that is kept.
		 */
		private double baselineRatio = 0.1;

		/**
		 * At most this many of the other traces are kept per second, instead of a fraction. Unset: the
		 * ratio applies.
		 */
		private Double baselineRate;

		/**
		 * The most traces held while they wait for a decision; past it the oldest is decided early.
		 */
		private int maxTraces = 10_000;

		/**
		 * The most spans held while their traces wait for a decision; past it the oldest trace is
		 * decided early.
		 */
		private int maxSpans = 100_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getDecisionWait() {
			return this.decisionWait;
		}

		public void setDecisionWait(Duration decisionWait) {
			this.decisionWait = decisionWait;
		}

		public Duration getMaxTraceAge() {
			return this.maxTraceAge;
		}

		public void setMaxTraceAge(Duration maxTraceAge) {
			this.maxTraceAge = maxTraceAge;
		}

		public boolean isKeepErrors() {
			return this.keepErrors;
		}

		public void setKeepErrors(boolean keepErrors) {
			this.keepErrors = keepErrors;
		}

		public Duration getSlowThreshold() {
			return this.slowThreshold;
		}

		public void setSlowThreshold(Duration slowThreshold) {
			this.slowThreshold = slowThreshold;
		}

		public Map<String, String> getKeepAttributes() {
			return this.keepAttributes;
		}

		public void setKeepAttributes(Map<String, String> keepAttributes) {
			this.keepAttributes = keepAttributes;
		}

		public double getBaselineRatio() {
			return this.baselineRatio;
		}

		public void setBaselineRatio(double baselineRatio) {
			this.baselineRatio = baselineRatio;
		}

		public Double getBaselineRate() {
			return this.baselineRate;
		}

		public void setBaselineRate(Double baselineRate) {
			this.baselineRate = baselineRate;
		}

		public int getMaxTraces() {
			return this.maxTraces;
		}

		public void setMaxTraces(int maxTraces) {
			this.maxTraces = maxTraces;
		}

		public int getMaxSpans() {
			return this.maxSpans;
		}

		public void setMaxSpans(int maxSpans) {
			this.maxSpans = maxSpans;
		}

	}

}
