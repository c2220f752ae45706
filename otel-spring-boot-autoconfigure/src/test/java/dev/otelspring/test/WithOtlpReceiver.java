package dev.otelspring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;

/**
 * Gives a Spring test's application context its own {@link OtlpHttpReceiver}: started
 * before the context, set as {@code otel.exporter.otlp.endpoint}, available as a bean to
 * {@code @Autowired}, and closed after the context (so the last flush on shutdown still
 * reaches it). The context is not shared with other test classes. Use
 * {@code @DirtiesContext(classMode = AFTER_EACH_TEST_METHOD)} on the class for a fresh
 * context and receiver per test method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext
public @interface WithOtlpReceiver {

}
