package dev.otelspring.autoconfigure.web.servlet;

import dev.otelspring.autoconfigure.config.HttpTracingProperties;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.config.SpringHttpTracingProperties;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

class ServletTracingAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServletTracingAutoConfiguration.class))
		.withBean(OpenTelemetry.class, OpenTelemetry::noop);

	@Test
	void suppliesFilterResolverAndSettings() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("otelServerTracingFilter")
				.hasBean("otelTracingHandlerExceptionResolver")
				.hasSingleBean(TracingHandlerExceptionResolver.class)
				.hasSingleBean(HttpTracingProperties.class)
				.hasSingleBean(SpringHttpTracingProperties.class);
			FilterRegistrationBean<?> registration = context.getBean("otelServerTracingFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getOrder()).isEqualTo(ServletTracingAutoConfiguration.FILTER_ORDER);
			assertThat(registration.getFilter()).isInstanceOf(ServerTracingFilter.class);
		});
	}

	@Test
	void noOpenTelemetryNoFilter() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServletTracingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("otelServerTracingFilter")
				.doesNotHaveBean(TracingHandlerExceptionResolver.class));
	}

	@Test
	void notAWebApplicationNoFilter() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServletTracingAutoConfiguration.class))
			.withBean(OpenTelemetry.class, OpenTelemetry::noop)
			.run((context) -> assertThat(context).doesNotHaveBean("otelServerTracingFilter"));
	}

	@Test
	void withoutSpringMvcNoFilter() {
		this.runner.withClassLoader(new FilteredClassLoader(HandlerMapping.class))
			.run((context) -> assertThat(context).doesNotHaveBean("otelServerTracingFilter"));
	}

	@ParameterizedTest
	@ValueSource(classes = { OpenTelemetry.class, FilterRegistrationBean.class })
	void absentClassNoFilter(Class<?> absent) {
		this.runner.withClassLoader(new FilteredClassLoader(absent))
			.run((context) -> assertThat(context).doesNotHaveBean("otelServerTracingFilter")
				.doesNotHaveBean(TracingHandlerExceptionResolver.class));
	}

	@Test
	void userFilterRegistrationWins() {
		FilterRegistrationBean<?> mine = new FilterRegistrationBean<>();
		this.runner.withBean("otelServerTracingFilter", FilterRegistrationBean.class, () -> mine)
			.run((context) -> assertThat(context.getBean("otelServerTracingFilter")).isSameAs(mine));
	}

	@Test
	void userExceptionResolverWins() {
		TracingHandlerExceptionResolver mine = new TracingHandlerExceptionResolver();
		this.runner.withBean("myResolver", TracingHandlerExceptionResolver.class, () -> mine)
			.run((context) -> assertThat(context).getBean(TracingHandlerExceptionResolver.class).isSameAs(mine));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "otel.instrumentation.spring-webmvc.enabled=false|false",
			"otel.instrumentation.spring-web.enabled=false|true",
			"otel.instrumentation.common.default-enabled=false|false",
			"otel.instrumentation.spring-webmvc.enabled=true|true",
			"otel.instrumentation.common.default-enabled=false,otel.instrumentation.spring-webmvc.enabled=true|true",
			"otel.instrumentation.common.default-enabled=true|true" })
	void switches(String properties, boolean server) {
		this.runner.withPropertyValues(properties.split(",")).run((context) -> {
			assertThat(context.containsBean("otelServerTracingFilter")).isEqualTo(server);
			assertThat(context.getBeansOfType(TracingHandlerExceptionResolver.class)).hasSize(server ? 1 : 0);
		});
	}

	@Test
	void invalidSwitchValueStopsStartup() {
		this.runner.withPropertyValues("otel.instrumentation.spring-webmvc.enabled=yes please").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.instrumentation.spring-webmvc.enabled");
		});
	}

}
