package dev.otelspring.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * This starter's sampling extras, under {@code otel.spring.sampling}: rules in front of
 * the head sampler, and tail sampling in the application.
 *
 * @param rules rules applied in order before the head sampler (otel.traces.sampler); the
 * first match decides, and a span no rule matches falls through to the head sampler
 * @param tail tail sampling: whole local traces kept or dropped once they have finished
 * @param trustRemoteParent whether the parent-based samplers follow the sampling decision
 * a caller sends in its trace headers. Set it to false in services that take requests
 * from callers they do not control: each request is then decided by the root sampler, and
 * the trace id is still continued
 */
@ConfigurationProperties("otel.spring.sampling")
public record SamplingProperties(@DefaultValue List<Rule> rules, @DefaultValue Tail tail,
		@DefaultValue("true") boolean trustRemoteParent) {

	private static final String PREFIX = OtelPropertyNames.SAMPLING + ".";

	/**
	 * Checks every rule; the failure report names the rule by its index.
	 */
	public SamplingProperties {
		rules = (rules != null) ? rules.stream().filter(Objects::nonNull).toList() : List.of();
		compile(rules);
	}

	/**
	 * Returns the rules with their patterns compiled, in order.
	 * @return the compiled rules
	 */
	public List<CompiledRule> compiledRules() {
		return compile(this.rules);
	}

	private static List<CompiledRule> compile(List<Rule> rules) {
		List<CompiledRule> compiled = new ArrayList<>(rules.size());
		for (int i = 0; i < rules.size(); i++) {
			compiled.add(rules.get(i).compile(PREFIX + "rules[" + i + "]"));
		}
		return compiled;
	}

	/**
	 * Binds and validates the settings.
	 * @param environment the Spring environment
	 * @return the settings
	 */
	public static SamplingProperties from(Environment environment) {
		return new OtelProperties(environment).bind(OtelPropertyNames.SAMPLING, SamplingProperties.class);
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
	 * One sampling rule, with patterns in the grammar of {@link PathPattern}. Every
	 * condition set must match; at least one must be set.
	 *
	 * @param action what to do with a matching span: DROP or SAMPLE
	 * @param spanKind the span kind to match
	 * @param name the span name pattern to match
	 * @param urlPath the url.path pattern to match, such as /actuator/**
	 * @param httpRoute the http.route pattern to match; at span start the request path
	 * stands in for the route
	 */
	public record Rule(Action action, Kind spanKind, String name, String urlPath, String httpRoute) {

		CompiledRule compile(String key) {
			if (this.action == null) {
				throw new InvalidOtelPropertyException(key + ".action", "(not set)", "drop or sample");
			}
			if (this.spanKind == null && isBlank(this.name) && isBlank(this.urlPath) && isBlank(this.httpRoute)) {
				throw new InvalidOtelPropertyException(key, "(no condition)",
						"at least one of span-kind, name, url-path or http-route");
			}
			return new CompiledRule(this.action == Action.SAMPLE, this.spanKind,
					PathPattern.compile(key + ".name", this.name), PathPattern.compile(key + ".url-path", this.urlPath),
					PathPattern.compile(key + ".http-route", this.httpRoute));
		}

		private static boolean isBlank(String value) {
			return value == null || value.isBlank();
		}

	}

	/**
	 * A rule with its patterns compiled; a condition not set is {@code null}.
	 *
	 * @param sample whether matching spans are sampled (else dropped)
	 * @param spanKind the span kind to match
	 * @param name the span name pattern
	 * @param urlPath the url.path pattern
	 * @param httpRoute the http.route pattern
	 */
	public record CompiledRule(boolean sample, Kind spanKind, PathPattern name, PathPattern urlPath,
			PathPattern httpRoute) {
	}

	/**
	 * Tail sampling: whole local traces kept or dropped once they have finished.
	 *
	 * @param enabled whether to hold each trace's spans until its local part has
	 * finished, then keep or drop the whole trace
	 * @param decisionWait how long a trace must be quiet (all its spans in this process
	 * ended, none ending) before it is decided: the grace period for work that starts
	 * after the rest of the trace has ended. Zero: decided as its last open span ends
	 * @param maxTraceAge the longest a trace is held; a trace whose spans never all end
	 * is decided then
	 * @param keepErrors whether every trace with a span of ERROR status is kept
	 * @param slowThreshold traces whose local root span takes longer than this are kept.
	 * Unset: no slow rule
	 * @param keepAttributes traces with a span whose attribute has the given value are
	 * kept (attribute key to value)
	 * @param baselineRatio the fraction, from 0.0 to 1.0, of the other traces that is
	 * kept
	 * @param baselineRate at most this many of the other traces are kept per second,
	 * instead of a fraction. Unset: the ratio applies
	 * @param maxTraces the most traces held while they wait for a decision; past it the
	 * oldest is decided early
	 * @param maxSpans the most spans held while their traces wait for a decision; past it
	 * the oldest trace is decided early
	 * @param maxBytes the most heap, estimated from the spans' strings and entries, held
	 * by spans while their traces wait for a decision; past it the oldest trace is
	 * decided early
	 */
	public record Tail(@DefaultValue("false") boolean enabled, @DefaultValue("0s") Duration decisionWait,
			@DefaultValue("30s") Duration maxTraceAge, @DefaultValue("true") boolean keepErrors, Duration slowThreshold,
			@DefaultValue Map<String, String> keepAttributes, @DefaultValue("0.1") double baselineRatio,
			Double baselineRate, @DefaultValue("10000") int maxTraces, @DefaultValue("100000") int maxSpans,
			@DefaultValue("64MB") DataSize maxBytes) {

		private static final String TAIL = PREFIX + "tail.";

		/**
		 * Checks each value.
		 */
		public Tail {
			keepAttributes = (keepAttributes != null) ? Map.copyOf(keepAttributes) : Map.of();
			if (enabled) {
				Validation.requireNotNegative(TAIL + "decision-wait", decisionWait);
				Validation.requirePositive(TAIL + "max-trace-age", maxTraceAge);
				if (slowThreshold != null) {
					Validation.requirePositive(TAIL + "slow-threshold", slowThreshold);
					if (slowThreshold.compareTo(maxTraceAge) >= 0) {
						throw new InvalidOtelPropertyException(TAIL + "slow-threshold", String.valueOf(slowThreshold),
								"a positive duration shorter than " + TAIL + "max-trace-age (" + maxTraceAge
										+ "): a trace is decided at that age at the latest");
					}
				}
				Validation.requireAtLeast(TAIL + "max-traces", maxTraces, 1);
				Validation.requireAtLeast(TAIL + "max-spans", maxSpans, 1);
				if (maxBytes.toBytes() < 64 * 1024) {
					throw new InvalidOtelPropertyException(TAIL + "max-bytes", String.valueOf(maxBytes),
							"a data size of at least 64KB (64KB, 16MB, 1GB)");
				}
				if (baselineRate != null) {
					Validation.requireRate(TAIL + "baseline-rate", baselineRate, String.valueOf(baselineRate));
				}
				else {
					Validation.requireRatio(TAIL + "baseline-ratio", baselineRatio, String.valueOf(baselineRatio));
				}
			}
		}

	}

}
