package dev.otelspring.autoconfigure.config;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnEnabledInstrumentation}; its outcome says
 * which key decided.
 */
class OnEnabledInstrumentationCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		java.util.Map<String, Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnEnabledInstrumentation.class.getName());
		String name = (String) attributes.get("value");
		InstrumentationSwitches.Decision decision = InstrumentationSwitches
			.decide(new OtelProperties(context.getEnvironment()), name, (Boolean) attributes.get("enabledByDefault"));
		return new ConditionOutcome(decision.enabled(),
				ConditionMessage.forCondition(ConditionalOnEnabledInstrumentation.class, name)
					.because(decision.reason()));
	}

}
