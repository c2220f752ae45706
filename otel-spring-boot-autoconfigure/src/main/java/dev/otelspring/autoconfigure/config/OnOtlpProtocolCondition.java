package dev.otelspring.autoconfigure.config;

import java.util.Map;

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
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnOtlpProtocol.class.getName());
		OtlpProtocol wanted = (OtlpProtocol) attributes.get("value");
		OtlpSignal signal = (OtlpSignal) attributes.get("signal");
		OtlpProtocol configured = OtlpExporterSettings.protocol(context.getEnvironment(), signal);
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnOtlpProtocol.class,
				wanted.value());
		return new ConditionOutcome(configured == wanted, message
			.because("the " + signal.name().toLowerCase(java.util.Locale.ROOT) + " protocol is " + configured.value()));
	}

}
