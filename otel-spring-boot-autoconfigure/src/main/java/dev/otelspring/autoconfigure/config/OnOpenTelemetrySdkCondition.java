package dev.otelspring.autoconfigure.config;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnEnabledOpenTelemetry} and
 * {@link ConditionalOnDisabledOpenTelemetry}.
 */
class OnOpenTelemetrySdkCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean wantDisabled = metadata.isAnnotated(ConditionalOnDisabledOpenTelemetry.class.getName());
		ConditionMessage.Builder message = ConditionMessage.forCondition(
				wantDisabled ? ConditionalOnDisabledOpenTelemetry.class : ConditionalOnEnabledOpenTelemetry.class);
		boolean disabled = new OtelProperties(context.getEnvironment()).getBoolean(OtelPropertyNames.SDK_DISABLED,
				false);
		return new ConditionOutcome(disabled == wantDisabled,
				message.because(OtelPropertyNames.SDK_DISABLED + " is " + disabled));
	}

}
