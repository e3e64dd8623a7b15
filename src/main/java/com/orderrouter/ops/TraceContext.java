package com.orderrouter.ops;

import org.apache.camel.Message;

/**
 * The trace context an alert carries on (route dead-letter-to-s3-and-sns): the dead letter's own, as one W3C
 * {@code traceparent} header made from what it arrived with ({@code traceparent} in any letter case, or SQS's
 * {@code AWSTraceHeader} from X-Ray), or none when it came in no valid trace. With an OTLP exporter, tracing replaces
 * it with the service's own span when the alert is sent.
 */
public class TraceContext {

    static final String TRACEPARENT = "traceparent";

    /** Replaces the message's {@code traceparent} header (any spelling) with its W3C trace context, or removes it. */
    public void carryOn(Message message) {
        String traceparent = Tracing.traceparent(message.getHeaders());
        // Camel's header map ignores case: this removes every spelling
        message.removeHeader(TRACEPARENT);
        if (traceparent != null) {
            message.setHeader(TRACEPARENT, traceparent);
        }
    }
}
