package dev.otelspring.autoconfigure.config;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnEnabledFeature}; its outcome names the key.
 */
class OnEnabledFeatureCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		StarterFeature feature = (StarterFeature) metadata
			.getAnnotationAttributes(ConditionalOnEnabledFeature.class.getName())
			.get("value");
		boolean enabled = new OtelProperties(context.getEnvironment()).getBoolean(feature.key(),
				feature.isEnabledByDefault());
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnEnabledFeature.class,
				feature.name());
		return new ConditionOutcome(enabled, message.because(feature.key() + " is " + enabled));
	}

}
