package dev.otelspring.autoconfigure.web.client;

import java.lang.reflect.Method;
import java.util.List;

import dev.otelspring.autoconfigure.config.HttpTracingProperties;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.web.internal.CapturedHeaders;
import dev.otelspring.autoconfigure.web.internal.HttpMethods;
import dev.otelspring.autoconfigure.web.internal.UrlSanitizer;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientTracingAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpClientTracingAutoConfiguration.class))
		.withBean(OpenTelemetry.class, OpenTelemetry::noop);

	@Test
	void suppliesInterceptorPostProcessorAndRestTemplateCustomizer() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ClientTracingInterceptor.class)
			.hasSingleBean(ClientTracingPostProcessor.class)
			.hasSingleBean(HttpTracingProperties.class)
			// One customizer, of whichever RestTemplateCustomizer this line of Spring
			// Boot has.
			.hasBean("otelRestTemplateCustomizer"));
	}

	@Test
	void worksOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientTracingAutoConfiguration.class))
			.withBean(OpenTelemetry.class, OpenTelemetry::noop)
			.run((context) -> assertThat(context).hasSingleBean(ClientTracingInterceptor.class));
	}

	@Test
	void restTemplatesGetTheInterceptorOnce() {
		this.runner.withBean(RestTemplate.class).run((context) -> {
			ClientTracingInterceptor interceptor = context.getBean(ClientTracingInterceptor.class);
			assertThat(context.getBean(RestTemplate.class).getInterceptors()).containsExactly(interceptor);
			RestTemplate built = new RestTemplate();
			Object customizer = context.getBean("otelRestTemplateCustomizer");
			Method customize = ReflectionUtils.findMethod(customizer.getClass(), "customize", RestTemplate.class);
			ReflectionUtils.makeAccessible(customize);
			ReflectionUtils.invokeMethod(customize, customizer, built);
			ReflectionUtils.invokeMethod(customize, customizer, built);
			assertThat(built.getInterceptors()).containsExactly(interceptor);
		});
	}

	@Test
	void noOpenTelemetryNoInterceptor() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientTracingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientTracingInterceptor.class)
				.doesNotHaveBean(ClientTracingPostProcessor.class));
	}

	@ParameterizedTest
	@ValueSource(classes = { ClientHttpRequestInterceptor.class, OpenTelemetry.class })
	void absentClassNoInterceptor(Class<?> absent) {
		this.runner.withClassLoader(new FilteredClassLoader(absent))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientTracingInterceptor.class)
				.doesNotHaveBean(ClientTracingPostProcessor.class));
	}

	@Test
	void userInterceptorWins() {
		ClientTracingInterceptor mine = new ClientTracingInterceptor(OpenTelemetry.noop(),
				new HttpMethods(List.of("GET")), new UrlSanitizer(List.of()), CapturedHeaders.requestHeaders(List.of()),
				CapturedHeaders.responseHeaders(List.of()));
		this.runner.withBean("myInterceptor", ClientTracingInterceptor.class, () -> mine)
			.withBean(RestTemplate.class)
			.run((context) -> {
				assertThat(context).getBean(ClientTracingInterceptor.class).isSameAs(mine);
				assertThat(context.getBean(RestTemplate.class).getInterceptors()).containsExactly(mine);
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "otel.instrumentation.spring-web.enabled=false|false",
			"otel.instrumentation.spring-webmvc.enabled=false|true",
			"otel.instrumentation.common.default-enabled=false|false",
			"otel.instrumentation.spring-webmvc.enabled=true|true",
			"otel.instrumentation.common.default-enabled=false,otel.instrumentation.spring-web.enabled=true|true",
			"otel.instrumentation.spring-web.enabled=true|true" })
	void switches(String properties, boolean client) {
		this.runner.withPropertyValues(properties.split(","))
			.run((context) -> assertThat(context.getBeansOfType(ClientTracingInterceptor.class))
				.hasSize(client ? 1 : 0));
	}

	@Test
	void invalidSwitchValueStopsStartup() {
		this.runner.withPropertyValues("otel.instrumentation.spring-web.enabled=maybe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.instrumentation.spring-web.enabled");
		});
	}

}
