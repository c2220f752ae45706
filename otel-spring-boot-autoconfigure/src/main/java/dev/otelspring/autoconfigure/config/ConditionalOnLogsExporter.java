package dev.otelspring.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code otel.logs.exporter} lists the given exporter ({@code otlp} when the
 * property is absent).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnLogsExporterCondition.class)
public @interface ConditionalOnLogsExporter {

	/**
	 * The exporter.
	 * @return the exporter
	 */
	LogsExporterType value();

}
