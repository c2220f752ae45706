package dev.otelspring.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the protocol of a signal's OTLP exporter
 * ({@code otel.exporter.otlp.<signal>.protocol}, else
 * {@code otel.exporter.otlp.protocol}) is the given one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnOtlpProtocolCondition.class)
public @interface ConditionalOnOtlpProtocol {

	/**
	 * The protocol.
	 * @return the protocol
	 */
	OtlpProtocol value();

	/**
	 * The signal whose exporter the protocol is read for.
	 * @return the signal
	 */
	OtlpSignal signal() default OtlpSignal.TRACES;

}
