package dev.otelspring.bench.floor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The {@code floor} variant (compiled only with the app's {@code floor} profile): the least an
 * instrumentation built on the OpenTelemetry SDK does for a SERVER span and a RestTemplate call's
 * CLIENT span, written by hand with no starter. The SDK is built directly (W3C trace context and
 * baggage, parent-based always-on sampling, a batch processor with this starter's defaults of
 * 512-span batches and an 8192-span queue, the OTLP/HTTP exporter on the JDK sender), and one
 * servlet filter extracts the caller's context, starts the span with the attributes this starter's
 * filter records (nine under wrk, which sends no user agent), makes it current while the handler
 * runs, and ends it with the status code and route (and on a 5xx, ERROR status and error.type); a
 * RestTemplate interceptor records the CLIENT span with the attributes this starter's interceptor
 * records and injects the trace context. Left out against the starter: trace ids in the MDC, the
 * skip-path check, the guards that keep tracing's failures from the request, the request attribute
 * that marks a traced request, async requests, exception recording, URL sanitising, the exporter's
 * counters and every setting; the export sends on SDK 1.49's own sender pool, the starter on its
 * one daemon thread. Correct only for this app (the route name cache is keyed by route alone, and
 * this app serves GET only).
 *
 * <p>{@code --bench.floor.export} takes the export apart: {@code otlp} (the default) exports over
 * OTLP/HTTP; {@code marshal} hands the batches to an exporter that writes the OTLP request body
 * with the SDK's marshaler and sends nothing; {@code discard} to one that throws them away;
 * {@code none} ends every span into a processor the SDK never calls, so that nothing is kept after
 * a span ends: the request thread's share alone. Those two are the SDK's own no-op exporter and
 * processor.
 */
@Configuration(proxyBeanMethods = false)
public class SdkFloorConfiguration {

	/** W3C trace context and baggage, the SDK's default propagators. */
	private static final TextMapPropagator PROPAGATOR = TextMapPropagator
		.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

	private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");

	private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");

	private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");

	private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

	private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

	private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");

	private static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");

	private static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");

	private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

	@Bean(destroyMethod = "close")
	SdkTracerProvider floorTracerProvider(@Value("${otel.service.name:floor}") String serviceName,
			@Value("${otel.exporter.otlp.endpoint:http://localhost:4318}") String endpoint,
			@Value("${bench.floor.export:otlp}") String export) {
		SpanProcessor processor = switch (export) {
			case "otlp" -> batch(OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build());
			case "marshal" -> batch(new MarshalOnly());
			// the SDK's no-op exporter and processor
			case "discard" -> batch(SpanExporter.composite());
			case "none" -> SpanProcessor.composite();
			default -> throw new IllegalArgumentException(
					"bench.floor.export=" + export + ": expected otlp, marshal, discard or none");
		};
		return SdkTracerProvider.builder()
			.setResource(Resource.getDefault()
				.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
			.addSpanProcessor(processor)
			.build();
	}

	/** The CLIENT span of a RestTemplate call, with the attributes this starter's interceptor records. */
	@Bean
	RestTemplateCustomizer floorClientSpans(SdkTracerProvider tracerProvider) {
		ClientHttpRequestInterceptor interceptor = new FloorInterceptor(tracerProvider.get("floor"));
		return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
	}

	/** The batch processor at this starter's defaults. */
	private static SpanProcessor batch(SpanExporter exporter) {
		return BatchSpanProcessor.builder(exporter).setMaxExportBatchSize(512).setMaxQueueSize(8192).build();
	}

	@Bean
	FilterRegistrationBean<Filter> floorFilter(SdkTracerProvider tracerProvider) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
				new FloorFilter(tracerProvider.get("floor")));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * Writes every batch into an OTLP request body with the marshaler the OTLP/HTTP exporter uses by
	 * default (reusable data) and sends nothing: the export without the HTTP client and the receiver.
	 * Called by the one batch worker only.
	 */
	static final class MarshalOnly implements SpanExporter {

		private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream(256 * 1024);

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.body.reset();
			this.marshaler.initialize(spans);
			try {
				this.marshaler.writeBinaryTo(this.body);
			}
			catch (IOException ex) {
				return CompletableResultCode.ofExceptionalFailure(ex);
			}
			finally {
				this.marshaler.reset();
			}
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	static final class FloorInterceptor implements ClientHttpRequestInterceptor {

		private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

		private static final TextMapSetter<HttpRequest> SETTER = (carrier, key, value) -> carrier.getHeaders()
			.set(key, value);

		private final Tracer tracer;

		FloorInterceptor(Tracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			String method = request.getMethod().name();
			URI uri = request.getURI();
			Span span = this.tracer.spanBuilder(method)
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute(METHOD, method)
				.setAttribute(URL_FULL, uri.toString())
				.setAttribute(SERVER_ADDRESS, uri.getHost())
				.setAttribute(SERVER_PORT, (long) uri.getPort())
				.startSpan();
			try (Scope scope = span.makeCurrent()) {
				PROPAGATOR.inject(Context.current(), request, SETTER);
				ClientHttpResponse response = execution.execute(request, body);
				span.setAttribute(STATUS_CODE, (long) response.getStatusCode().value());
				return response;
			}
			finally {
				span.end();
			}
		}

	}

	static final class FloorFilter implements Filter {

		private static final TextMapGetter<HttpServletRequest> GETTER = new TextMapGetter<>() {

			@Override
			public Iterable<String> keys(HttpServletRequest carrier) {
				return Collections.list(carrier.getHeaderNames());
			}

			@Override
			public String get(HttpServletRequest carrier, String key) {
				return carrier.getHeader(key);
			}

		};

		private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

		private final Tracer tracer;

		FloorFilter(Tracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
				throws IOException, ServletException {
			HttpServletRequest request = (HttpServletRequest) req;
			HttpServletResponse response = (HttpServletResponse) res;
			Context parent = PROPAGATOR.extract(Context.root(), request, GETTER);
			String method = request.getMethod();
			Span span = this.tracer.spanBuilder(method)
				.setParent(parent)
				.setSpanKind(SpanKind.SERVER)
				.setAttribute(METHOD, method)
				.setAttribute(PATH, request.getRequestURI())
				.setAttribute(SCHEME, request.getScheme())
				.setAttribute(SERVER_ADDRESS, request.getServerName())
				.setAttribute(SERVER_PORT, (long) request.getServerPort())
				.setAttribute(CLIENT_ADDRESS, request.getRemoteAddr())
				.setAttribute(USER_AGENT, request.getHeader("User-Agent"))
				.setAttribute(PROTOCOL_VERSION, "HTTP/1.1".equals(request.getProtocol()) ? "1.1" : null)
				.startSpan();
			try (Scope scope = parent.with(span).makeCurrent()) {
				chain.doFilter(request, response);
			}
			finally {
				int status = response.getStatus();
				span.setAttribute(STATUS_CODE, (long) status);
				if (status >= 500) {
					span.setAttribute(ERROR_TYPE, Integer.toString(status));
					span.setStatus(StatusCode.ERROR);
				}
				Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
				if (pattern != null) {
					String route = pattern.toString();
					span.setAttribute(ROUTE, route);
					span.updateName(this.names.computeIfAbsent(route, (r) -> method + " " + r));
				}
				span.end();
			}
		}

	}

}
