package dev.otelspring.autoconfigure.config;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnEnabledInstrumentation}; its outcome says which key decided.
 */
class OnEnabledInstrumentationCondition extends SpringBootCondition {

	static final String DEFAULT_ENABLED = "otel.instrumentation.common.default-enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String name = (String) metadata.getAnnotationAttributes(ConditionalOnEnabledInstrumentation.class.getName())
			.get("value");
		String key = "otel.instrumentation." + name + ".enabled";
		OtelProperties properties = new OtelProperties(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnEnabledInstrumentation.class,
				name);
		if (properties.getString(key) != null) {
			boolean enabled = properties.getBoolean(key, true);
			return new ConditionOutcome(enabled, message.because(key + " is " + enabled));
		}
		boolean enabled = properties.getBoolean(DEFAULT_ENABLED, true);
		return new ConditionOutcome(enabled, message.because(key + " is not set and " + DEFAULT_ENABLED + " is " + enabled));
	}

}
