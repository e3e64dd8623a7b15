package com.orderrouter.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.Resources;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service, unchanged, on the FIFO pair ({@code orders-queue.fifo}, {@code orders-queue-dlq.fifo}) with 10
 * consumers: SQS hands out a message group's messages one batch at a time, so each order's events apply in order.
 * Messages are grouped by order id and deduplicated by a hash of the body, as the producer does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FifoOrderingIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final StackProbe probe = new StackProbe(STACK);
    private Resources fifo;
    private ServiceProcess service;

    @BeforeAll
    void startServiceOnFifoQueues() {
        fifo = Resources.provisionFifo(STACK.sqs(), STACK.resources());
        service = ServiceProcess.start(STACK, Map.of("QUEUE_URL", fifo.ordersQueueUrl(),
                "DLQ_URL", fifo.deadLetterQueueUrl(), "CONCURRENT_CONSUMERS", "10",
                "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort())), Path.of("target/service-fifo.log"));
    }

    @AfterAll
    void stopService() throws InterruptedException {
        service.close();
    }

    @Test
    void everyOrdersFinalStatusIsItsLastUpdateAndResendingWithinTheDedupWindowChangesNothing() {
        String batch = OrdersSqsToDynamodbIT.newOrderId();
        List<String> orders = new ArrayList<>();
        List<SendMessageBatchRequestEntry> events = new ArrayList<>();
        for (int o = 0; o < 50; o++) {
            String order = batch + "-" + o;
            orders.add(order);
            events.add(entry(order, OrderEventsJson.created(order, T0.toString())));
            for (int step = 1; step <= 20; step++) {
                events.add(entry(order, OrderEventsJson.updated(order, "step-" + step, T0.plusSeconds(step).toString())));
            }
        }
        send(events);

        await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive()).until(() -> orders.stream()
                .allMatch(order -> Optional.ofNullable(probe.order(order).get("status"))
                        .map(AttributeValue::s).filter("step-20"::equals).isPresent()));
        assertThat(orders).allSatisfy(order -> assertThat(probe.order(order).get("updated_at").s())
                .isEqualTo("2026-11-27T10:00:20.000000Z"));
        await().atMost(PATIENCE).until(() -> service.outcomes(batch + "-").getOrDefault("success", 0) == 1050);
        assertThat(service.outcomes(batch + "-")).as("in order: no update was ever stale, no create a duplicate")
                .containsExactly(Map.entry("success", 1050));

        // the same messages again, inside SQS's 5-minute deduplication window, then one new event per order: it comes
        // after the resent ones in its group, so once every order has it, any resend not deduplicated was processed
        send(events);
        send(orders.stream().map(order -> entry(order, OrderEventsJson.updated(order, "step-21",
                T0.plusSeconds(21).toString()))).toList());

        await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive()).until(() -> orders.stream()
                .allMatch(order -> "step-21".equals(probe.order(order).get("status").s())));
        await().atMost(PATIENCE).until(() -> service.outcomes(batch + "-").getOrDefault("success", 0) >= 1100);
        assertThat(service.outcomes(batch + "-")).as("only the 50 new events, no resend processed")
                .containsExactly(Map.entry("success", 1100));
    }

    @Test
    void poisonInAGroupGoesToTheFifoDlqWithItsGroupAndTheRestOfTheGroupGoesOn() {
        String order = OrdersSqsToDynamodbIT.newOrderId();
        String poison = OrderEventsJson.updated(order, "paid", T0.plusSeconds(1).toString()).replace(
                "\"status\":\"paid\"", "\"status\":42");
        send(List.of(entry(order, OrderEventsJson.created(order, T0.toString())), entry(order, poison),
                entry(order, OrderEventsJson.updated(order, "shipped", T0.plusSeconds(2).toString()))));

        await().atMost(PATIENCE).until(() -> !probe.order(order).isEmpty()
                && "shipped".equals(probe.order(order).get("status").s()));
        JsonNode archived = await().atMost(PATIENCE).until(() -> probe.archivedRecords().stream()
                .filter(r -> poison.equals(r.get("body").asText())).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(archived.get("message_group_id").asText()).isEqualTo(order);
        assertThat(archived.get("system_attributes").get("MessageGroupId").asText()).as("the DLQ copy's group")
                .isEqualTo(order);
        assertThat(archived.get("reason").asText()).isEqualTo("data.status: must be a string, got 42");
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += 10) {
            List<SendMessageBatchRequestEntry> chunk = entries.subList(from, Math.min(from + 10, entries.size()));
            assertThat(STACK.sqs().sendMessageBatch(b -> b.queueUrl(fifo.ordersQueueUrl()).entries(chunk)).failed())
                    .isEmpty();
        }
    }

    private static SendMessageBatchRequestEntry entry(String order, String body) {
        return SendMessageBatchRequestEntry.builder().id(sha256(body).substring(0, 32)).messageBody(body)
                .messageGroupId(order).messageDeduplicationId(sha256(body)).build();
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
