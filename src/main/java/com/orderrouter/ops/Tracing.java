package com.orderrouter.ops;

import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * OpenTelemetry for camel-opentelemetry2, which makes a span per message. A message's trace is continued from its
 * {@code traceparent} message attribute (W3C) or, when SQS added one, its {@code AWSTraceHeader} system attribute (the
 * X-Ray format); both arrive as exchange headers. Spans are exported over OTLP/HTTP only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
public final class Tracing {

    private Tracing() {
    }

    /** @param otlpEndpoint the collector's base URL, or {@code none} to create spans without exporting them */
    public static SdkTracerProvider tracerProvider(String otlpEndpoint) {
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "order-router"))));
        if (otlpEndpoint != null && otlpEndpoint.startsWith("http")) {
            builder.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                    .setEndpoint(otlpEndpoint.replaceAll("/+$", "") + "/v1/traces").build()).build());
        } else {
            // Nothing would read recorded spans: keep trace ids and propagation, record only what a caller's sampled
            // trace asks for
            builder.setSampler(Sampler.parentBased(Sampler.alwaysOff()));
        }
        return builder.build();
    }

    public static ContextPropagators propagators() {
        return ContextPropagators.create(TextMapPropagator.composite(
                new SqsAwsTraceHeader(), W3CTraceContextPropagator.getInstance()));
    }

    /** X-Ray's propagator, reading the header SQS names AWSTraceHeader instead of X-Amzn-Trace-Id. */
    static final class SqsAwsTraceHeader implements TextMapPropagator {

        static final String SQS_HEADER = "AWSTraceHeader";
        private static final String XRAY_HEADER = "X-Amzn-Trace-Id";
        private final AwsXrayPropagator xray = AwsXrayPropagator.getInstance();

        @Override
        public Collection<String> fields() {
            return List.of(SQS_HEADER);
        }

        @Override
        public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
            // outgoing context is W3C only
        }

        @Override
        public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
            String header = getter.get(carrier, SQS_HEADER);
            if (header == null) {
                return context;
            }
            return xray.extract(context, header, new TextMapGetter<String>() {
                @Override
                public Iterable<String> keys(String value) {
                    return List.of(XRAY_HEADER);
                }

                @Override
                public String get(String value, String key) {
                    return XRAY_HEADER.equalsIgnoreCase(key) ? value : null;
                }
            });
        }
    }
}
