package dev.otelspring.autoconfigure.web;

import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.web.client.ClientTracingInterceptor;
import dev.otelspring.autoconfigure.web.client.HttpClientTracingAutoConfiguration;
import dev.otelspring.autoconfigure.web.servlet.ServletTracingAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

class WebTracingAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServletTracingAutoConfiguration.class,
				HttpClientTracingAutoConfiguration.class))
		.withBean(OpenTelemetry.class, OpenTelemetry::noop);

	@Test
	void suppliesFilterResolverAndInterceptor() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("otelServerTracingFilter")
				.hasBean("otelTracingHandlerExceptionResolver")
				.hasSingleBean(ClientTracingInterceptor.class);
			assertThat(context.getBean("otelServerTracingFilter", FilterRegistrationBean.class).getOrder())
				.isEqualTo(ServletTracingAutoConfiguration.FILTER_ORDER);
		});
	}

	@Test
	void noOpenTelemetryNoInstrumentation() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServletTracingAutoConfiguration.class,
					HttpClientTracingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("otelServerTracingFilter")
				.doesNotHaveBean(ClientTracingInterceptor.class));
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

	@Test
	void userFilterRegistrationWins() {
		FilterRegistrationBean<?> mine = new FilterRegistrationBean<>();
		this.runner.withBean("otelServerTracingFilter", FilterRegistrationBean.class, () -> mine)
			.run((context) -> assertThat(context.getBean("otelServerTracingFilter")).isSameAs(mine));
	}

	@ParameterizedTest
	@CsvSource({ "otel.instrumentation.spring-webmvc.enabled=false,false,true",
			"otel.instrumentation.spring-web.enabled=false,true,false",
			"otel.instrumentation.common.default-enabled=false,false,false",
			"otel.instrumentation.spring-webmvc.enabled=true,true,true" })
	void switches(String property, boolean server, boolean client) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context.containsBean("otelServerTracingFilter")).isEqualTo(server);
			assertThat(context.getBeansOfType(ClientTracingInterceptor.class)).hasSize(client ? 1 : 0);
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
