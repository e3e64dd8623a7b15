package com.orderrouter.failure;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs what happened to each message: {@code orders.messages.processed{type, outcome}} and
 * {@code orders.processing.duration{type}}. The route sets the exchange properties {@link #TYPE} and {@link #OUTCOME};
 * the failure paths report poison and retry here.
 */
public class ProcessingOutcomes {

    public static final String TYPE = "orderType";
    public static final String OUTCOME = "orderOutcome";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingOutcomes.class);
    /** Tag values are bounded: any other type is reported as "unknown". */
    private static final Set<String> KNOWN_TYPES = Set.of("order_created", "order_updated");

    private final MeterRegistry registry;

    public ProcessingOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The end of a successful route: the outcome is success, duplicate or stale. */
    public void completed(Exchange exchange) {
        record(exchange, exchange.getProperty(OUTCOME, "success", String.class), null);
    }

    void deadLettered(Exchange exchange, Failure failure) {
        record(exchange, "poison", failure);
    }

    /** Released back to its queue, invisible for {@code backoffSeconds} ({@code orders.retry.backoff} summary). */
    void retried(Exchange exchange, Failure failure, int backoffSeconds) {
        record(exchange, "retry", failure);
        registry.summary("orders.retry.backoff").record(backoffSeconds);
    }

    private void record(Exchange exchange, String outcome, Failure failure) {
        String type = typeTag(exchange.getProperty(TYPE, String.class));
        Duration took = Duration.ofMillis(exchange.getClock().elapsed());
        registry.counter("orders.messages.processed", "type", type, "outcome", outcome).increment();
        registry.timer("orders.processing.duration", "type", type).record(took);
        if (failure == null) {
            LOG.info("message {} type={} outcome={} took {} ms", SqsMessages.messageId(exchange), type, outcome,
                    took.toMillis());
        } else {
            LOG.warn("message {} type={} outcome={} reason={}", SqsMessages.messageId(exchange), type, outcome,
                    failure.reason());
        }
    }

    private static String typeTag(String type) {
        return type != null && KNOWN_TYPES.contains(type) ? type : "unknown";
    }
}
