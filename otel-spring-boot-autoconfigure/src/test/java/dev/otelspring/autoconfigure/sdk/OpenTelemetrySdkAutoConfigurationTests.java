package dev.otelspring.autoconfigure.sdk;

import java.util.Map;
import java.util.Properties;

import dev.otelspring.autoconfigure.config.BatchSettings;
import dev.otelspring.autoconfigure.config.InvalidOtelPropertyException;
import dev.otelspring.autoconfigure.exporter.OtlpSpanExporterAutoConfiguration;
import dev.otelspring.autoconfigure.exporter.console.ConsoleTraceExporter;
import dev.otelspring.autoconfigure.exporter.console.ConsoleTraceExporterAutoConfiguration;
import dev.otelspring.autoconfigure.exporter.statistics.SpanExportStatisticsAutoConfiguration;
import dev.otelspring.autoconfigure.sampling.SamplingAutoConfiguration;
import dev.otelspring.test.StartupFailures;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class OpenTelemetrySdkAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpSpanExporterAutoConfiguration.class,
				ConsoleTraceExporterAutoConfiguration.class, SpanExportStatisticsAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, SamplingAutoConfiguration.class));

	@Test
	void suppliesACompleteExportingSdk() {
		this.runner.withPropertyValues("spring.application.name=orders").run((context) -> {
			assertThat(context).hasSingleBean(OpenTelemetrySdk.class)
				.hasSingleBean(SdkTracerProvider.class)
				.hasSingleBean(BatchSpanProcessor.class)
				.hasSingleBean(OtlpHttpSpanExporter.class)
				.hasSingleBean(SdkShutdown.class)
				.doesNotHaveBean(ConsoleTraceExporter.class);
			Resource resource = context.getBean(Resource.class);
			assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("orders");
			assertThat(resource.getAttribute(AttributeKey.stringKey("telemetry.sdk.language"))).isEqualTo("java");
			assertThat(resource.getAttribute(AttributeKey.stringKey("telemetry.sdk.name"))).isEqualTo("opentelemetry");
			assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).getDescription());
			assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.contains("traceparent", "tracestate", "baggage");
			assertThat(context.getBean(OtlpHttpSpanExporter.class).toString())
				.contains("endpoint=http://localhost:4318/v1/traces");
		});
	}

	@Test
	void defaultsArePinnedToTheSdkDefaultsButTheQueueSize() {
		java.util.concurrent.atomic.AtomicReference<Object> queueSize = new java.util.concurrent.atomic.AtomicReference<>();
		this.runner
			.withBean(BatchSpanProcessorBuilderCustomizer.class,
					() -> (builder) -> queueSize.set(ReflectionTestUtils.invokeMethod(builder, "getMaxQueueSize")))
			.run((context) -> {
				assertThat(context.getBean(SpanLimits.class)).isEqualTo(SpanLimits.getDefault());
				BatchSpanProcessor ours = context.getBean(BatchSpanProcessor.class);
				BatchSpanProcessor sdkDefault = BatchSpanProcessor.builder(SpanExporter.composite())
					.setMaxQueueSize(BatchSettings.DEFAULT_MAX_QUEUE_SIZE)
					.build();
				try {
					// The schedule delay, export timeout and batch size are the SDK's;
					// the queue is ours.
					assertThat(settingsOf(ours)).isEqualTo(settingsOf(sdkDefault));
					assertThat(settingsOf(ours)).contains("maxExportBatchSize=512");
					assertThat(queueSize.get()).isEqualTo(8192);
				}
				finally {
					sdkDefault.shutdown();
				}
			});
	}

	@Test
	void aSmallQueueBringsTheDefaultBatchDownWithIt() {
		this.runner.withPropertyValues("otel.bsp.max.queue.size=100")
			.run((context) -> assertThat(context.getBean(BatchSpanProcessor.class).toString())
				.contains("maxExportBatchSize=100"));
	}

	private static String settingsOf(BatchSpanProcessor processor) {
		String text = processor.toString();
		return text.substring(text.indexOf("exportUnsampledSpans="));
	}

	@Test
	void serviceNameFallsBackToTheSpecificationDefault(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context.getBean(Resource.class).getAttribute(AttributeKey.stringKey("service.name")))
				.isEqualTo("unknown_service:java");
			assertThat(output).contains("No service name is configured");
		});
	}

	@Test
	void serviceNamePrecedence() {
		this.runner
			.withPropertyValues("spring.application.name=app", "otel.resource.attributes=service.name=res,team=a")
			.run((context) -> assertThat(serviceName(context.getBean(Resource.class))).isEqualTo("res"));
		this.runner
			.withPropertyValues("spring.application.name=app", "otel.resource.attributes=service.name=res",
					"otel.service.name=explicit")
			.run((context) -> assertThat(serviceName(context.getBean(Resource.class))).isEqualTo("explicit"));
	}

	@Test
	void serviceVersionComesFromBuildInfo() {
		Properties build = new Properties();
		build.setProperty("version", "1.2.3");
		this.runner.withBean(BuildProperties.class, () -> new BuildProperties(build))
			.run((context) -> assertThat(
					context.getBean(Resource.class).getAttribute(AttributeKey.stringKey("service.version")))
				.isEqualTo("1.2.3"));
	}

	@Test
	void resourceAttributesAsMapOrAsEnvironmentString() {
		this.runner
			.withPropertyValues("otel.resource.attributes.deployment.environment=prod",
					"otel.resource.attributes.team=payments")
			.run((context) -> {
				Resource resource = context.getBean(Resource.class);
				assertThat(resource.getAttribute(AttributeKey.stringKey("deployment.environment"))).isEqualTo("prod");
				assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("payments");
			});
		this.runner
			.withInitializer((context) -> environmentVariables(context.getEnvironment(),
					Map.of("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging,owner=a%20b",
							"OTEL_SERVICE_NAME", "from-env")))
			.run((context) -> {
				Resource resource = context.getBean(Resource.class);
				assertThat(resource.getAttribute(AttributeKey.stringKey("deployment.environment")))
					.isEqualTo("staging");
				assertThat(resource.getAttribute(AttributeKey.stringKey("owner"))).isEqualTo("a b");
				assertThat(serviceName(resource)).isEqualTo("from-env");
			});
	}

	@ParameterizedTest
	@CsvSource({ "always_on,,AlwaysOnSampler", "always_off,,AlwaysOffSampler",
			"traceidratio,0.25,TraceIdRatioBased{0.250000}", "parentbased_always_on,,ParentBased{root:AlwaysOnSampler",
			"parentbased_always_off,,ParentBased{root:AlwaysOffSampler",
			"parentbased_traceidratio,0.5,ParentBased{root:TraceIdRatioBased{0.500000}" })
	void everySamplerIsBound(String sampler, String arg, String description) {
		this.runner.withPropertyValues("otel.traces.sampler=" + sampler, "otel.traces.sampler.arg=" + arg)
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription()).startsWith(description));
	}

	@Test
	void samplerFromEnvironmentVariables() {
		this.runner
			.withInitializer((context) -> environmentVariables(context.getEnvironment(),
					Map.of("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.1")))
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo("ParentBased{root:TraceIdRatioBased{0.100000},remoteParentSampled:AlwaysOnSampler,"
						+ "remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,"
						+ "localParentNotSampled:AlwaysOffSampler}"));
	}

	@Test
	void spanLimitsAreBound() {
		this.runner
			.withPropertyValues("otel.span.attribute.count.limit=12", "otel.span.attribute.value.length.limit=64",
					"otel.span.event.count.limit=7", "otel.span.link.count.limit=3",
					"otel.event.attribute.count.limit=5", "otel.link.attribute.count.limit=4")
			.run((context) -> {
				SpanLimits limits = context.getBean(SpanLimits.class);
				assertThat(limits.getMaxNumberOfAttributes()).isEqualTo(12);
				assertThat(limits.getMaxAttributeValueLength()).isEqualTo(64);
				assertThat(limits.getMaxNumberOfEvents()).isEqualTo(7);
				assertThat(limits.getMaxNumberOfLinks()).isEqualTo(3);
				assertThat(limits.getMaxNumberOfAttributesPerEvent()).isEqualTo(5);
				assertThat(limits.getMaxNumberOfAttributesPerLink()).isEqualTo(4);
			});
		this.runner.withPropertyValues("otel.attribute.count.limit=20", "otel.attribute.value.length.limit=30")
			.run((context) -> {
				SpanLimits limits = context.getBean(SpanLimits.class);
				assertThat(limits.getMaxNumberOfAttributes()).isEqualTo(20);
				assertThat(limits.getMaxAttributeValueLength()).isEqualTo(30);
			});
	}

	@Test
	void batchSpanProcessorIsBound() {
		java.util.concurrent.atomic.AtomicReference<Object> queueSize = new java.util.concurrent.atomic.AtomicReference<>();
		this.runner
			.withPropertyValues("otel.bsp.schedule.delay=250", "otel.bsp.max.queue.size=4096",
					"otel.bsp.max.export.batch.size=256", "otel.bsp.export.timeout=3s")
			// Customizers see the builder after the properties: read the queue size
			// there.
			.withBean(BatchSpanProcessorBuilderCustomizer.class,
					() -> (builder) -> queueSize.set(ReflectionTestUtils.invokeMethod(builder, "getMaxQueueSize")))
			.run((context) -> {
				String processor = context.getBean(BatchSpanProcessor.class).toString();
				assertThat(processor).contains("scheduleDelayNanos=250000000")
					.contains("maxExportBatchSize=256")
					.contains("exporterTimeoutNanos=3000000000");
				assertThat(queueSize.get()).isEqualTo(4096);
			});
	}

	@Test
	void propagatorsAreBound() {
		this.runner.withPropertyValues("otel.propagators=tracecontext,b3multi,jaeger")
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.contains("traceparent", "X-B3-TraceId", "uber-trace-id")
				.doesNotContain("baggage"));
		this.runner.withPropertyValues("otel.propagators=b3")
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.contains("b3")
				.doesNotContain("traceparent"));
		this.runner.withPropertyValues("otel.propagators=none")
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.isEmpty());
	}

	@Test
	void exportersAreSelected() {
		this.runner.withPropertyValues("otel.traces.exporter=console")
			.run((context) -> assertThat(context).hasSingleBean(ConsoleTraceExporter.class)
				.doesNotHaveBean(OtlpHttpSpanExporter.class)
				.hasSingleBean(BatchSpanProcessor.class));
		this.runner.withPropertyValues("otel.traces.exporter=otlp,console")
			.run((context) -> assertThat(context).hasSingleBean(ConsoleTraceExporter.class)
				.hasSingleBean(OtlpHttpSpanExporter.class));
		this.runner.withPropertyValues("otel.traces.exporter=none")
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExporter.class)
				.doesNotHaveBean(BatchSpanProcessor.class)
				.hasSingleBean(SdkTracerProvider.class));
		this.runner.withPropertyValues("otel.exporter.otlp.protocol=grpc")
			.run((context) -> assertThat(context).hasSingleBean(OtlpGrpcSpanExporter.class)
				.doesNotHaveBean(OtlpHttpSpanExporter.class));
	}

	@Test
	void disabledPublishesANoopAndStartsNothing(CapturedOutput output) {
		this.runner.withPropertyValues("otel.sdk.disabled=true").run((context) -> {
			assertThat(context).hasSingleBean(OpenTelemetry.class)
				.doesNotHaveBean(SdkTracerProvider.class)
				.doesNotHaveBean(BatchSpanProcessor.class)
				.doesNotHaveBean(SpanExporter.class);
			assertThat(context.getBean(OpenTelemetry.class)).isSameAs(OpenTelemetry.noop());
			assertThat(output).containsOnlyOnce("OpenTelemetry is disabled (otel.sdk.disabled=true)");
			assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().startsWith("BatchSpanProcessor") && thread.isAlive()
						&& !thread.isDaemon());
		});
	}

	@Test
	void userOpenTelemetryIsUsedAsIs() {
		OpenTelemetry user = OpenTelemetry.noop();
		this.runner.withBean(OpenTelemetry.class, () -> user)
			.run((context) -> assertThat(context).hasSingleBean(OpenTelemetry.class)
				.doesNotHaveBean(SdkTracerProvider.class)
				.doesNotHaveBean(SpanExporter.class)
				.doesNotHaveBean(BatchSpanProcessor.class));
	}

	@Test
	void userBeansReplaceOurs() {
		Resource resource = Resource.empty();
		Sampler sampler = Sampler.alwaysOff();
		SpanLimits limits = SpanLimits.builder().setMaxNumberOfEvents(1).build();
		ContextPropagators propagators = ContextPropagators.noop();
		BatchSpanProcessor processor = BatchSpanProcessor.builder(SpanExporter.composite()).build();
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint("http://localhost:1/x").build();
		this.runner.withBean(Resource.class, () -> resource)
			.withBean(Sampler.class, () -> sampler)
			.withBean(SpanLimits.class, () -> limits)
			.withBean(ContextPropagators.class, () -> propagators)
			.withBean(BatchSpanProcessor.class, () -> processor)
			.withBean(OtlpHttpSpanExporter.class, () -> exporter)
			.run((context) -> {
				assertThat(context.getBean(Resource.class)).isSameAs(resource);
				assertThat(context.getBean(Sampler.class)).isSameAs(sampler);
				assertThat(context.getBean(SpanLimits.class)).isSameAs(limits);
				assertThat(context.getBean(ContextPropagators.class)).isSameAs(propagators);
				assertThat(context.getBean(BatchSpanProcessor.class)).isSameAs(processor);
				assertThat(context.getBean(OtlpHttpSpanExporter.class)).isSameAs(exporter);
				// The send threads belong to our exporter, so they back off with it.
				assertThat(context).doesNotHaveBean("otelOtlpExportThreads");
				SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
				assertThat(provider.getSampler()).isSameAs(sampler);
				assertThat(provider.getSpanLimits()).isSameAs(limits);
				assertThat(provider.toString()).contains(processor.toString());
			});
	}

	@Test
	void userPropagatorBeansReplaceConfiguredOnes() {
		this.runner.withPropertyValues("otel.propagators=b3")
			.withBean(TextMapPropagator.class,
					() -> io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance())
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.containsExactlyInAnyOrder("traceparent", "tracestate"));
	}

	@Test
	void extraSpanProcessorsAndExportersAreAdded() {
		SpanProcessor extraProcessor = mock(SpanProcessor.class);
		SpanExporter extraExporter = mock(SpanExporter.class);
		this.runner.withBean("extraProcessor", SpanProcessor.class, () -> extraProcessor)
			.withBean("extraExporter", SpanExporter.class, () -> extraExporter)
			.run((context) -> {
				assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class);
				String provider = context.getBean(SdkTracerProvider.class).toString();
				assertThat(provider).contains(extraProcessor.toString()).contains("BatchSpanProcessor");
				assertThat(context.getBean(BatchSpanProcessor.class).toString()).contains(extraExporter.toString())
					.contains("OtlpHttpSpanExporter");
			});
	}

	@Test
	void customizersHaveTheLastWord() {
		this.runner.withPropertyValues("otel.traces.sampler=always_on", "otel.bsp.schedule.delay=100")
			.withBean(SdkTracerProviderBuilderCustomizer.class,
					() -> (builder) -> builder.setSampler(Sampler.alwaysOff()))
			.withBean(BatchSpanProcessorBuilderCustomizer.class,
					() -> (builder) -> builder.setScheduleDelay(java.time.Duration.ofMillis(777)))
			.run((context) -> {
				assertThat(context.getBean(SdkTracerProvider.class).getSampler()).isEqualTo(Sampler.alwaysOff());
				assertThat(context.getBean(BatchSpanProcessor.class).toString())
					.contains("scheduleDelayNanos=777000000");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "otel.traces.sampler=sometimes|otel.traces.sampler|always_on",
					"otel.traces.sampler=traceidratio,otel.traces.sampler.arg=1.5|otel.traces.sampler.arg|0.0 to 1.0",
					"otel.traces.sampler=traceidratio,otel.traces.sampler.arg=half|otel.traces.sampler.arg|0.0 to 1.0",
					"otel.traces.exporter=zipkin|otel.traces.exporter|otlp, console",
					"otel.traces.exporter=none,otlp|otel.traces.exporter|alone",
					"otel.exporter.otlp.protocol=http/json|otel.exporter.otlp.protocol|http/protobuf",
					"otel.exporter.otlp.traces.protocol=udp|otel.exporter.otlp.traces.protocol|http/protobuf",
					"otel.exporter.otlp.endpoint=localhost:4318|otel.exporter.otlp.endpoint|absolute http",
					"otel.exporter.otlp.traces.endpoint=ftp://x/y|otel.exporter.otlp.traces.endpoint|absolute http",
					"otel.exporter.otlp.compression=zstd|otel.exporter.otlp.compression|gzip",
					"otel.exporter.otlp.timeout=-5s|otel.exporter.otlp.timeout|non-negative duration",
					"otel.exporter.otlp.certificate=/does/not/exist.pem|otel.exporter.otlp.certificate|readable PEM",
					"otel.bsp.max.queue.size=-1|otel.bsp.max.queue.size|at least 1",
					"otel.bsp.max.queue.size=10,otel.bsp.max.export.batch.size=20|otel.bsp.max.export.batch.size|1 to",
					"otel.bsp.schedule.delay=soon|otel.bsp.schedule.delay|duration",
					"otel.bsp.export.timeout=0|otel.bsp.export.timeout|positive duration",
					"otel.bsp.export.timeout=-1s|otel.bsp.export.timeout|duration",
					"otel.span.attribute.count.limit=-3|otel.span.attribute.count.limit|at least 0",
					"otel.propagators=tracecontext,xray|otel.propagators|b3multi",
					"otel.sdk.disabled=maybe|otel.sdk.disabled|true or false",
					"otel.exporter.otlp.headers=api-key|otel.exporter.otlp.headers|key=value" })
	void invalidValuesStopStartupNamingTheKey(String properties, String key, String valid) {
		this.runner.withPropertyValues(properties.split(",(?=otel)")).run((context) -> {
			InvalidOtelPropertyException invalid = StartupFailures.invalidProperty(context);
			assertThat(invalid.getProperty()).isEqualTo(key);
			assertThat(invalid.getValidValues()).contains(valid);
		});
	}

	@Test
	void headerValuesNeverAppearInErrors() {
		this.runner.withPropertyValues("otel.exporter.otlp.headers=api-key=s3cr3t,broken").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("s3cr3t");
			assertThat(context.getStartupFailure()).hasMessageNotContaining("s3cr3t");
		});
	}

	private static Object serviceName(Resource resource) {
		return resource.getAttribute(AttributeKey.stringKey("service.name"));
	}

	static void environmentVariables(org.springframework.core.env.ConfigurableEnvironment environment,
			Map<String, Object> variables) {
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", variables));
	}

}
