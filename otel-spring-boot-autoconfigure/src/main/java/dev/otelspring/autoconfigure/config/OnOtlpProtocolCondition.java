package dev.otelspring.autoconfigure.config;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnOtlpProtocol}.
 */
class OnOtlpProtocolCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		OtlpProtocol wanted = (OtlpProtocol) metadata.getAnnotationAttributes(ConditionalOnOtlpProtocol.class.getName())
			.get("value");
		OtlpProtocol configured = OtlpExporterSettings.protocol(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnOtlpProtocol.class,
				wanted.value());
		return new ConditionOutcome(configured == wanted, message.because("the protocol is " + configured.value()));
	}

}
