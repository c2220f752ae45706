package dev.otelspring.autoconfigure.sdk;

import dev.otelspring.autoconfigure.config.OtelProperties;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnEnabledOpenTelemetry}. An invalid value of
 * {@code otel.sdk.disabled} stops startup with a report naming the key.
 */
class OnEnabledOpenTelemetryCondition extends SpringBootCondition {

	static final String DISABLED_PROPERTY = "otel.sdk.disabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnEnabledOpenTelemetry.class);
		boolean disabled = new OtelProperties(context.getEnvironment()).getBoolean(DISABLED_PROPERTY, false);
		if (disabled) {
			return ConditionOutcome.noMatch(message.because(DISABLED_PROPERTY + " is true"));
		}
		return ConditionOutcome.match(message.because(DISABLED_PROPERTY + " is not true"));
	}

}
