package com.orderrouter.ops;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

/**
 * OpenTelemetry. A message's trace is continued from its {@code traceparent} message attribute (W3C) or, when SQS added
 * one, its {@code AWSTraceHeader} system attribute (the X-Ray format); both arrive as exchange headers.
 *
 * <p>With OTEL_EXPORTER_OTLP_ENDPOINT set, camel-opentelemetry2 makes a span per message and per endpoint call and
 * exports them over OTLP/HTTP; the DLQ copy and the alert carry the service's span as parent. Without it nothing would
 * read a span, so no tracer is installed (its per-message work was 0.03-0.04 ms of CPU, about 5 % of a message, in the
 * benchmark's profile): the caller's trace context is passed on unchanged by {@link #traceparent}.
 */
public final class Tracing {

    private static final ContextPropagators PROPAGATORS = ContextPropagators.create(TextMapPropagator.composite(
            new SqsAwsTraceHeader(), W3CTraceContextPropagator.getInstance()));

    /** Exchange headers as a carrier (Camel's header map ignores case, as HTTP header names do). */
    private static final TextMapGetter<Map<String, Object>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, Object> carrier, String key) {
            Object value = carrier == null ? null : carrier.get(key);
            return value == null ? null : value.toString();
        }
    };

    private Tracing() {
    }

    /** @param otlpEndpoint the collector's base URL, or {@code none}: no spans are made */
    public static boolean exporting(String otlpEndpoint) {
        return otlpEndpoint != null && otlpEndpoint.startsWith("http");
    }

    /** @param otlpEndpoint the collector's base URL; without one the provider has no span processor and is not used */
    public static SdkTracerProvider tracerProvider(String otlpEndpoint) {
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "order-router"))));
        if (exporting(otlpEndpoint)) {
            builder.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                    .setEndpoint(otlpEndpoint.replaceAll("/+$", "") + "/v1/traces").build()).build());
        }
        return builder.build();
    }

    /**
     * The trace context a message's headers carry, as a W3C {@code traceparent}: the header itself (the caller's, or the
     * service's span when tracing injected it on the way here), else one made from {@code AWSTraceHeader} with the same
     * trace id, parent and sampling flag. Null when the message arrived in no trace.
     */
    public static String traceparent(Map<String, Object> headers) {
        Context context = PROPAGATORS.getTextMapPropagator().extract(Context.root(), headers, HEADERS);
        Map<String, String> w3c = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, w3c, Map::put);
        return w3c.get("traceparent");
    }

    /** Extracts {@code AWSTraceHeader} (X-Ray) and {@code traceparent} (W3C; it wins when both are there). */
    public static ContextPropagators propagators() {
        return PROPAGATORS;
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
