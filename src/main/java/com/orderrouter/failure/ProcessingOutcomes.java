package com.orderrouter.failure;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Counts and logs what happened to each order message: {@code orders.messages.processed{type, outcome}} (outcome:
 * success, duplicate, stale, poison, retry, dead_lettered) and {@code orders.processing.duration{type}}, and one
 * structured log line per message with its ids, never its body. The route sets the exchange properties {@link #TYPE}
 * and {@link #OUTCOME}; the failure paths report poison and retry here.
 */
public class ProcessingOutcomes {

    public static final String TYPE = "orderType";
    public static final String OUTCOME = "orderOutcome";
    /** Route whose failures are retries of the archive, not of an order. */
    static final String DLQ_ROUTE = "orders-dlq-to-s3-and-sns";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingOutcomes.class);
    private final MeterRegistry registry;
    /** Tag values are bounded: the types there are contracts for; any other type is reported as "unknown". */
    private final Set<String> knownTypes;
    // the meters of the per-message path, looked up once (tag values are bounded)
    private final Map<String, Counter> processed = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    /** @param knownTypes the event types the routes handle (their contracts), each a tag value of its own */
    public ProcessingOutcomes(MeterRegistry registry, Set<String> knownTypes) {
        this.registry = registry;
        this.knownTypes = Set.copyOf(knownTypes);
    }

    /** The end of a successful route: the outcome is success, duplicate or stale. */
    public void completed(Exchange exchange) {
        record(exchange, exchange.getProperty(OUTCOME, "success", String.class), null, 0);
    }

    void deadLettered(Exchange exchange, Failure failure) {
        record(exchange, "poison", failure, 0);
    }

    /** Sent to the DLQ by the service on the last receive its queue's redrive policy allows (retries-exhausted). */
    void retriesExhausted(Exchange exchange, Failure failure) {
        record(exchange, "dead_lettered", failure, 0);
    }

    /** Released back to its queue, invisible for {@code backoffSeconds} ({@code orders.retry.backoff} summary). */
    void retried(Exchange exchange, Failure failure, int backoffSeconds) {
        registry.summary("orders.retry.backoff").record(backoffSeconds);
        if (DLQ_ROUTE.equals(exchange.getFromRouteId())) {
            registry.counter("orders.dlq.retries").increment();
            LOG.warn("dead letter {} not archived yet, retried later: {}", SqsMessages.messageId(exchange),
                    failure.reason());
            return;
        }
        record(exchange, "retry", failure, backoffSeconds);
    }

    /** SQS's redrive moved an order message to the DLQ after maxReceiveCount receives. */
    public void redriven(String type) {
        registry.counter("orders.messages.processed", "type", typeTag(type), "outcome", "dead_lettered").increment();
    }

    /** @param backoffSeconds for a retry: how long the message stays invisible on its queue */
    private void record(Exchange exchange, String outcome, Failure failure, int backoffSeconds) {
        String type = typeTag(exchange.getProperty(TYPE, String.class));
        Duration took = Duration.ofMillis(exchange.getClock().elapsed());
        processed.computeIfAbsent(type + '/' + outcome, key -> registry.counter("orders.messages.processed", "type",
                type, "outcome", outcome)).increment();
        durations.computeIfAbsent(type, key -> Timer.builder("orders.processing.duration").tag("type", type)
                .publishPercentileHistogram().register(registry)).record(took);
        try (var ids = Ids.of(exchange)) {
            MDC.put("message_id", SqsMessages.messageId(exchange));
            MDC.put("receive_count", String.valueOf(SqsMessages.receiveCount(exchange)));
            MDC.put("type", type);
            MDC.put("outcome", outcome);
            MDC.put("duration_ms", String.valueOf(took.toMillis()));
            if (failure == null) {
                LOG.info("processed");
            } else if (outcome.equals("retry")) {
                // the one line of a transient failure: Camel's attempts log at DEBUG (orders-error-handling)
                MDC.put("error_class", failure.errorClass());
                MDC.put("attempts", String.valueOf(exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0,
                        Integer.class) + 1));
                MDC.put("backoff_seconds", String.valueOf(backoffSeconds));
                LOG.warn("back on the queue in {} s: {}", backoffSeconds, failure.reason());
            } else {
                MDC.put("error_class", failure.errorClass());
                LOG.warn("not processed: {}", failure.reason());
            }
        }
    }

    private String typeTag(String type) {
        return type != null && knownTypes.contains(type) ? type : "unknown";
    }

    /** The order's ids for the log line, from whatever the body is by now; cleared from the MDC afterwards. */
    private static final class Ids implements AutoCloseable {

        static Ids of(Exchange exchange) {
            if (exchange.getMessage().getBody() instanceof JsonNode event) {
                put(idText(event.path("data").get("order_id")), event.path("correlation_id").textValue());
            }
            return new Ids();
        }

        /** An id as text: a string, or an integer's decimal text; null for anything else. */
        private static String idText(JsonNode id) {
            if (id == null) {
                return null;
            }
            return id.isIntegralNumber() ? id.bigIntegerValue().toString() : id.textValue();
        }

        private static void put(String orderId, String correlationId) {
            // ids come from the input: bounded, so the line does not grow with it
            if (orderId != null) {
                MDC.put("order_id", Quoted.id(orderId));
            }
            if (correlationId != null) {
                MDC.put("correlation_id", Quoted.id(correlationId));
            }
        }

        @Override
        public void close() {
            MDC.clear();
        }
    }
}
