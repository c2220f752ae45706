package dev.otelspring.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/**
 * A real OTLP/gRPC receiver on a random loopback port, for traces, metrics and logs.
 */
public final class OtlpGrpcReceiver extends OtlpReceiver {

	private static final Context.Key<Map<String, String>> HEADERS = Context.key("headers");

	private final Server server;

	private OtlpGrpcReceiver(Server server) {
		this.server = server;
	}

	public static OtlpGrpcReceiver start() {
		OtlpGrpcReceiver[] self = new OtlpGrpcReceiver[1];
		TraceServiceGrpc.TraceServiceImplBase service = new TraceServiceGrpc.TraceServiceImplBase() {
			@Override
			public void export(ExportTraceServiceRequest request,
					StreamObserver<ExportTraceServiceResponse> responseObserver) {
				self[0].record(request, HEADERS.get());
				responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
				responseObserver.onCompleted();
			}
		};
		MetricsServiceGrpc.MetricsServiceImplBase metricsService = new MetricsServiceGrpc.MetricsServiceImplBase() {
			@Override
			public void export(ExportMetricsServiceRequest request,
					StreamObserver<ExportMetricsServiceResponse> responseObserver) {
				self[0].recordMetrics(request, HEADERS.get());
				responseObserver.onNext(ExportMetricsServiceResponse.getDefaultInstance());
				responseObserver.onCompleted();
			}
		};
		LogsServiceGrpc.LogsServiceImplBase logsService = new LogsServiceGrpc.LogsServiceImplBase() {
			@Override
			public void export(ExportLogsServiceRequest request,
					StreamObserver<ExportLogsServiceResponse> responseObserver) {
				self[0].recordLogs(request, HEADERS.get());
				responseObserver.onNext(ExportLogsServiceResponse.getDefaultInstance());
				responseObserver.onCompleted();
			}
		};
		ServerInterceptor headers = new ServerInterceptor() {
			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
					ServerCallHandler<Q, R> next) {
				Map<String, String> values = new HashMap<>();
				for (String key : metadata.keys()) {
					if (!key.endsWith("-bin")) {
						values.put(key, metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
					}
				}
				return Contexts.interceptCall(Context.current().withValue(HEADERS, values), call, metadata, next);
			}
		};
		try {
			Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
				.addService(ServerInterceptors.intercept(service, headers))
				.addService(ServerInterceptors.intercept(metricsService, headers))
				.addService(ServerInterceptors.intercept(logsService, headers))
				.build()
				.start();
			self[0] = new OtlpGrpcReceiver(server);
			return self[0];
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int port() {
		return this.server.getPort();
	}

	@Override
	public String endpoint() {
		return "http://localhost:" + port();
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}
