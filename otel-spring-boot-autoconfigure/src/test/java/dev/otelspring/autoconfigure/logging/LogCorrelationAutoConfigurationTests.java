package dev.otelspring.autoconfigure.logging;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.test.TestEnvironment;
import io.opentelemetry.context.ContextStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of log correlation, and nothing more: installing the MDC storage hooks
 * OpenTelemetry's global context storage once per JVM, so the installer bean is made lazy
 * here and never created ({@code LogCorrelationIntegrationTests} covers the MDC, in a JVM
 * of its own).
 */
class LogCorrelationAutoConfigurationTests {

	private static final String INSTALLER = "otelLogCorrelationInstaller";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LogCorrelationAutoConfiguration.class))
		.withInitializer((context) -> context.addBeanFactoryPostProcessor((beanFactory) -> {
			if (beanFactory.containsBeanDefinition(INSTALLER)) {
				beanFactory.getBeanDefinition(INSTALLER).setLazyInit(true);
			}
		}));

	@Test
	void suppliesTheInstaller() {
		this.runner.run((context) -> {
			// containsBean, not hasBean: that would create it.
			assertThat(context).hasNotFailed();
			assertThat(context.containsBean(INSTALLER)).isTrue();
			assertThat(context.getBeanFactory().getType(INSTALLER, false)).isEqualTo(InitializingBean.class);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "otel.instrumentation.logback-mdc.enabled=true|true",
			"otel.instrumentation.logback-mdc.enabled=false|false",
			"otel.instrumentation.common.default-enabled=false|false",
			"otel.instrumentation.common.default-enabled=false,otel.instrumentation.logback-mdc.enabled=true|true",
			"otel.instrumentation.common.default-enabled=true,otel.instrumentation.logback-mdc.enabled=false|false",
			"otel.instrumentation.spring-webmvc.enabled=false|true" })
	void switches(String properties, boolean enabled) {
		this.runner.withPropertyValues(properties.split(","))
			.run((context) -> assertThat(context.containsBean(INSTALLER)).isEqualTo(enabled));
		StandardEnvironment environment = TestEnvironment.of(properties.split("[,=]"));
		// The early listener follows the same switch.
		assertThat(LogCorrelationApplicationListener.isEnabled(environment)).isEqualTo(enabled);
	}

	@Test
	void invalidSwitchValueStopsStartupNamingTheKey() {
		this.runner.withPropertyValues("otel.instrumentation.logback-mdc.enabled=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.instrumentation.logback-mdc.enabled");
		});
		// The listener leaves the report to the auto-configuration.
		assertThat(LogCorrelationApplicationListener
			.isEnabled(TestEnvironment.of("otel.instrumentation.logback-mdc.enabled", "sometimes"))).isFalse();
	}

	@Test
	void absentClassNoInstaller() {
		this.runner.withClassLoader(new FilteredClassLoader(MDC.class))
			.run((context) -> assertThat(context).doesNotHaveBean(INSTALLER));
		this.runner.withClassLoader(new FilteredClassLoader(ContextStorage.class))
			.run((context) -> assertThat(context).doesNotHaveBean(INSTALLER));
		assertThat(LogCorrelationApplicationListener.isAvailable(new FilteredClassLoader(MDC.class))).isFalse();
		assertThat(LogCorrelationApplicationListener.isAvailable(new FilteredClassLoader(ContextStorage.class)))
			.isFalse();
		assertThat(LogCorrelationApplicationListener.isAvailable(getClass().getClassLoader())).isTrue();
	}

}
