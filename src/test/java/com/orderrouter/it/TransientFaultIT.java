package com.orderrouter.it;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.orderrouter.localstack.OrderEventsJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.DistributionSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outages of the real servers (dynalite and S3Proxy stopped and started again on the same port): transient failures
 * are retried with backoff and never fill the DLQ; only a permanent outage ends in the DLQ, through SQS's redrive.
 * The service runs with a 1 s backoff base (2 s max) and the queue's maxReceiveCount of 3.
 */
class TransientFaultIT extends ServiceOnLocalStack {

    @AfterEach
    void serversAreBack() {
        if (!STACK.dynalite().isRunning()) {
            STACK.restartDynamoDb();
        }
        if (!STACK.s3Server().isRunning()) {
            STACK.s3Server().restart();
        }
    }

    @Test
    void dynamoDbOutageLongerThanInProcessRetriesLosesNothingAndFillsNoDlq() {
        String batch = OrdersSqsToDynamodbIT.newOrderId();
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> batch + "-" + i).toList();
        double retriesBefore = retries();
        long backoffsBefore = backoff().count();
        int archivedBefore = probe.archiveKeys().size();

        STACK.dynalite().stop();
        ids.forEach(id -> probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z")));
        // every message failed its in-process retries and went back to the queue at least once
        await().atMost(PATIENCE).until(() -> retries() - retriesBefore >= ids.size());
        STACK.restartDynamoDb();

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> !probe.order(id).isEmpty()));
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        assertThat(probe.deadLetterQueueDepth()).isZero();
        assertThat(probe.archiveKeys()).hasSize(archivedBefore);
        // the backoff was applied: each release set a visibility of 1 s (first receive) or 2 s (later, capped)
        long releases = backoff().count() - backoffsBefore;
        assertThat(releases).isGreaterThanOrEqualTo(ids.size())
                .as("with the backoff, fewer than maxReceiveCount receives per message")
                .isLessThan(ids.size() * 3L);
        assertThat(backoff().max()).isBetween(1.0, 2.0);
    }

    @Test
    void dynamoDbDownForGoodEndsInDlqByRedriveAndIsArchived() {
        String id = OrdersSqsToDynamodbIT.newOrderId();
        String body = OrderEventsJson.created(id, "2026-11-27T10:00:00Z");

        STACK.dynalite().stop();
        probe.send(body);

        JsonNode record = await().atMost(PATIENCE).until(() -> archivedWithBody(body), Optional::isPresent)
                .orElseThrow();
        assertThat(record.get("reason").asText()).isEqualTo("exceeded maxReceiveCount");
        assertThat(record.get("reason_class").asText()).isEqualTo("max-receives-exceeded");
        assertThat(record.get("attributes").get("DeadLetterQueueSourceArn").asText()).endsWith(":orders-queue");
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(STACK.snsStandIn().published()).anySatisfy(alert -> {
            assertThat(alert.message()).contains(record.get("s3_key").asText(), "exceeded maxReceiveCount");
            assertThat(alert.attribute("reason-class")).isEqualTo("max-receives-exceeded");
        });
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0 && probe.deadLetterQueueDepth() == 0);
    }

    @Test
    void s3OutageKeepsTheDeadLetterUntilItIsArchived() {
        String body = "not json " + OrdersSqsToDynamodbIT.newOrderId();
        double archiveRetriesBefore = meters.counter("orders.dlq.retries").count();

        STACK.s3Server().stop();
        String messageId = probe.send(body);
        // the dead letter reached the DLQ route, which could not archive it and released it for later
        await().atMost(PATIENCE).until(() -> meters.counter("orders.dlq.retries").count() > archiveRetriesBefore);
        assertThat(probe.deadLetterQueueDepth()).isEqualTo(1);
        STACK.s3Server().restart();

        JsonNode record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                .orElseThrow();
        assertThat(record.get("body").asText()).isEqualTo(body);
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asInt()).isGreaterThan(1);
        await().atMost(PATIENCE).until(() -> probe.deadLetterQueueDepth() == 0);
    }

    private Optional<JsonNode> archivedWithBody(String body) {
        return probe.archivedRecords().stream().filter(r -> body.equals(r.get("body").asText())).findFirst();
    }

    private double retries() {
        return meters.find("orders.messages.processed").tag("outcome", "retry").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private DistributionSummary backoff() {
        return meters.summary("orders.retry.backoff");
    }
}
