package dev.otelspring.autoconfigure.web;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.otelspring.autoconfigure.web.client.ClientTracingInterceptor;
import dev.otelspring.test.BootRestTemplateBuilder;
import dev.otelspring.test.OtlpHttpReceiver;
import dev.otelspring.test.ReceivedSpan;
import dev.otelspring.test.TestHttp;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two applications on two random ports: A calls B through RestTemplate and RestClient.
 * The trace continues across them through {@code traceparent}, and the CLIENT spans
 * follow the semantic conventions.
 */
class ClientTracingIntegrationTests {

	static final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

	static ConfigurableApplicationContext serviceB;

	ConfigurableApplicationContext serviceA;

	@BeforeAll
	static void startB() {
		serviceB = start(ServiceB.class, "service-b", "otel.spring.http.server.trace-response-header=true");
	}

	@AfterAll
	static void stopB() {
		serviceB.close();
		receiver.close();
	}

	@AfterEach
	void stopA() {
		if (this.serviceA != null) {
			this.serviceA.close();
		}
	}

	@Test
	void restTemplateCallContinuesTheTraceInTheOtherService() {
		this.serviceA = start(ServiceA.class, "service-a", "otel.spring.http.server.trace-response-header=true",
				"service-b.url=http://user:pw@localhost:" + port(serviceB));
		var response = TestHttp.get("http://localhost:" + port(this.serviceA) + "/call/rest-template");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = TestHttp.traceId(response);
		List<ReceivedSpan> spans = awaitTrace(traceId, 3);
		ReceivedSpan serverA = only(spans, "service-a", Span.SpanKind.SPAN_KIND_SERVER);
		ReceivedSpan client = only(spans, "service-a", Span.SpanKind.SPAN_KIND_CLIENT);
		ReceivedSpan serverB = only(spans, "service-b", Span.SpanKind.SPAN_KIND_SERVER);
		assertThat(serverA.parentSpanId()).isEmpty();
		assertThat(client.parentSpanId()).isEqualTo(serverA.spanId());
		assertThat(serverB.parentSpanId()).isEqualTo(client.spanId());
		assertThat(serverB.name()).isEqualTo("GET /echo");
		assertThat(client.name()).isEqualTo("GET");
		assertThat(client.scope()).isEqualTo("dev.otelspring.web.client");
		assertThat(client.attributes()).containsEntry("http.request.method", "GET")
			.containsEntry("server.address", "localhost")
			.containsEntry("server.port", (long) port(serviceB))
			.containsEntry("url.full", "http://localhost:" + port(serviceB) + "/echo?api_key=REDACTED&q=1")
			.containsEntry("http.response.status_code", 200L)
			.doesNotContainKey("error.type");
		assertThat(client.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
		// B saw the traceparent A's client span injected.
		assertThat(serverB.attributes()).containsEntry("url.query", "api_key=REDACTED&q=1");
	}

	@Test
	void aCallerThatDidNotSampleIsFollowedAcrossServices() {
		this.serviceA = start(ServiceA.class, "service-a", "otel.spring.http.server.trace-response-header=true",
				"service-b.url=http://localhost:" + port(serviceB));
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String callerSpanId = "00f067aa0ba902b7";
		var response = TestHttp.get("http://localhost:" + port(this.serviceA) + "/call/rest-template", "traceparent",
				"00-" + traceId + "-" + callerSpanId + "-00");
		assertThat(response.statusCode()).isEqualTo(200);
		// A's server span continues the trace, unsampled, under a span id of its own...
		String serverA = response.headers().firstValue("traceresponse").orElseThrow();
		assertThat(serverA).matches("00-" + traceId + "-[0-9a-f]{16}-00").doesNotContain(callerSpanId);
		// ...and so does its client span, whose context B received.
		Matcher received = Pattern.compile("00-" + traceId + "-([0-9a-f]{16})-00").matcher(response.body());
		assertThat(received.find()).as(response.body()).isTrue();
		assertThat(received.group(1)).isNotEqualTo(callerSpanId).isNotEqualTo(serverA.split("-")[2]);
		// Nothing of it is recorded: a sampled trace sent after it arrives, this one does
		// not.
		var sampled = TestHttp.get("http://localhost:" + port(this.serviceA) + "/call/rest-template");
		awaitTrace(TestHttp.traceId(sampled), 3);
		assertThat(receiver.spans()).noneMatch((span) -> span.traceId().equals(traceId));
	}

	@Test
	void restClientCallIsAClientSpan() {
		this.serviceA = start(ServiceA.class, "service-a", "otel.spring.http.server.trace-response-header=true",
				"service-b.url=http://localhost:" + port(serviceB));
		var response = TestHttp.get("http://localhost:" + port(this.serviceA) + "/call/rest-client");
		String traceId = TestHttp.traceId(response);
		List<ReceivedSpan> spans = awaitTrace(traceId, 3);
		ReceivedSpan client = only(spans, "service-a", Span.SpanKind.SPAN_KIND_CLIENT);
		ReceivedSpan serverB = only(spans, "service-b", Span.SpanKind.SPAN_KIND_SERVER);
		assertThat(serverB.parentSpanId()).isEqualTo(client.spanId());
	}

	@Test
	void errorsAndIoFailuresAreClientErrors() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.serviceA = start(ServiceA.class, "service-a", "otel.spring.http.server.trace-response-header=true",
				"service-b.url=http://localhost:" + port(serviceB));
		ServiceA a = this.serviceA.getBean(ServiceA.class);
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> a.restTemplate.getForObject(a.url + "/missing", String.class));
		ReceivedSpan notFound = receiver.awaitSpan((span) -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT
				&& String.valueOf(span.attribute("url.full")).endsWith("/missing"));
		assertThat(notFound.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(notFound.attributes()).containsEntry("http.response.status_code", 404L)
			.containsEntry("error.type", "404");

		ResourceAccessException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
				ResourceAccessException.class,
				() -> a.restTemplate.getForObject("http://localhost:" + closedPort + "/nothing", String.class));
		// The interceptor rethrew the I/O failure unchanged: RestTemplate wrapped that
		// very exception.
		String ioFailure = failure.getCause().getClass().getName();
		ReceivedSpan refused = receiver.awaitSpan((span) -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT
				&& String.valueOf(span.attribute("url.full")).endsWith(closedPort + "/nothing"));
		assertThat(refused.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(refused.attributes()).containsEntry("error.type", ioFailure)
			.doesNotContainKey("http.response.status_code");
		assertThat(refused.events()).singleElement()
			.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
	}

	@Test
	void interceptorIsAddedExactlyOnceWhateverTheRoute() {
		this.serviceA = start(ServiceA.class, "service-a", "service-b.url=http://localhost:" + port(serviceB));
		ServiceA a = this.serviceA.getBean(ServiceA.class);
		assertThat(a.restTemplate.getInterceptors()).filteredOn(ClientTracingInterceptor.class::isInstance).hasSize(1);
		RestTemplate plain = this.serviceA.getBean("plainRestTemplate", RestTemplate.class);
		assertThat(plain.getInterceptors()).filteredOn(ClientTracingInterceptor.class::isInstance).hasSize(1);
		RestTemplate built = BootRestTemplateBuilder.build(this.serviceA);
		assertThat(built.getInterceptors()).filteredOn(ClientTracingInterceptor.class::isInstance).hasSize(1);
	}

	@Test
	void clientSideSwitchesOffAlone() {
		this.serviceA = start(ServiceA.class, "service-a", "otel.instrumentation.spring-web.enabled=false",
				"service-b.url=http://localhost:" + port(serviceB));
		assertThat(this.serviceA.getBeansOfType(ClientTracingInterceptor.class)).isEmpty();
		ServiceA a = this.serviceA.getBean(ServiceA.class);
		assertThat(a.restTemplate.getInterceptors()).noneMatch(ClientTracingInterceptor.class::isInstance);
		assertThat(this.serviceA.getBean("otelServerTracingFilter")).isNotNull();
	}

	private static List<ReceivedSpan> awaitTrace(String traceId, int count) {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.until(() -> receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).count() >= count);
		return receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans, String service, Span.SpanKind kind) {
		return spans.stream()
			.filter((span) -> service.equals(span.resource().get("service.name")) && span.kind() == kind)
			.reduce((a, b) -> {
				throw new AssertionError("More than one " + kind + " span of " + service + ": " + spans);
			})
			.orElseThrow(() -> new AssertionError("No " + kind + " span of " + service + " in " + spans));
	}

	static ConfigurableApplicationContext start(Class<?> app, String name, String... properties) {
		return new SpringApplicationBuilder(app)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=" + name,
					"otel.exporter.otlp.endpoint=" + receiver.endpoint(), "otel.bsp.schedule.delay=50ms",
					"spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ServiceB {

		@GetMapping("/echo")
		Map<String, String> echo(@RequestHeader(name = "traceparent", required = false) String traceparent,
				@RequestParam(name = "q", required = false) String q) {
			return Map.of("traceparent", String.valueOf(traceparent));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	@Import(ServiceA.Clients.class)
	static class ServiceA {

		final RestTemplate restTemplate;

		final RestClient restClient;

		final String url;

		ServiceA(org.springframework.context.ApplicationContext context, RestClient.Builder restClientBuilder,
				@Value("${service-b.url}") String url) {
			this.restTemplate = BootRestTemplateBuilder.build(context);
			this.restClient = restClientBuilder.build();
			this.url = url;
		}

		@GetMapping("/call/rest-template")
		String viaRestTemplate() {
			return this.restTemplate.getForObject(this.url + "/echo?api_key=k3y&q=1", String.class);
		}

		@GetMapping("/call/rest-client")
		String viaRestClient() {
			return this.restClient.get().uri(this.url + "/echo").retrieve().body(String.class);
		}

		static class Clients {

			@Bean
			RestTemplate plainRestTemplate() {
				return new RestTemplate();
			}

		}

	}

}
