package com.orderrouter.it;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.orderrouter.OrderRouterMain;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.Resources;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.DistributionSummary;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outages of the real servers (dynalite and S3Proxy stopped and started again on the same port): transient failures
 * are retried with backoff and never fill the DLQ; only a permanent outage ends in the DLQ, sent by the service on the
 * last receive the queue's redrive policy allows, with the real reason. The service runs with a 3 s backoff base (6 s
 * max) and the queue's maxReceiveCount of 3.
 */
@CamelMainTest(mainClass = OrderRouterMain.class, properties = {
        "orders.routes-dir=routes",
        "orders.consumers=10",
        "orders.visibility-timeout-seconds=30",
        "orders.poll.wait-seconds=1",
        "orders.redelivery.delay-ms=20",
        // ServiceOnLocalStack's settings, but a backoff of 3 s then 6 s: a short outage ends well before a message's
        // last receive (the 3rd, about 9 s after its first), when the service would dead-letter it
        "orders.backoff.base-seconds=3",
        "orders.backoff.max-seconds=6" })
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
        // all at once (SendMessageBatch), so none of them is near its last receive when the outage ends
        probe.sendAll(ids.stream().map(id -> OrderEventsJson.created(id, "2026-11-27T10:00:00Z")).toList());
        // every message failed its in-process retries and went back to the queue at least once
        await().atMost(PATIENCE).until(() -> retries() - retriesBefore >= ids.size());
        STACK.restartDynamoDb();

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> !probe.order(id).isEmpty()));
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        assertThat(probe.deadLetterQueueDepth()).isZero();
        assertThat(probe.archiveKeys()).hasSize(archivedBefore);
        // the backoff was applied: each release set a visibility of 3 s (first receive) or 6 s (later, capped)
        long releases = backoff().count() - backoffsBefore;
        assertThat(releases).isGreaterThanOrEqualTo(ids.size())
                .as("with the backoff, fewer than maxReceiveCount receives per message")
                .isLessThan(ids.size() * 3L);
        assertThat(backoff().max()).isBetween(3.0, 6.0);
    }

    @Test
    void dynamoDbDownForGoodEndsInDlqAsRetriesExhaustedWithTheRealReason() {
        String id = OrdersSqsToDynamodbIT.newOrderId();
        String body = OrderEventsJson.created(id, "2026-11-27T10:00:00Z");

        STACK.dynalite().stop();
        String messageId = probe.send(body);

        JsonNode record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                .orElseThrow();
        assertThat(record.get("body").asText()).isEqualTo(body);
        assertThat(record.get("reason_class").asText()).isEqualTo("retries-exhausted");
        // the last failure, not "exceeded maxReceiveCount": dynalite refused the connection
        assertThat(record.get("reason").asText()).startsWith("SdkClientException: Unable to execute HTTP request")
                .contains("Connection refused");
        assertThat(record.get("receive_count").asInt()).as("the queue's maxReceiveCount, read from its redrive policy")
                .isEqualTo(Resources.MAX_RECEIVE_COUNT);
        assertThat(record.get("system_attributes").has("DeadLetterQueueSourceArn")).as("sent by the service, not by "
                + "SQS's redrive").isFalse();
        assertThat(STACK.snsStandIn().published()).anySatisfy(alert -> {
            assertThat(alert.message()).contains(record.get("s3_key").asText(), "Connection refused");
            assertThat(alert.attribute("reason-class")).isEqualTo("retries-exhausted");
        });
        assertThat(processed("order_created", "dead_lettered")).isGreaterThanOrEqualTo(1);
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
        assertThat(record.get("system_attributes").get("ApproximateReceiveCount").asInt()).isGreaterThan(1);
        await().atMost(PATIENCE).until(() -> probe.deadLetterQueueDepth() == 0);
    }

    private double retries() {
        return meters.find("orders.messages.processed").tag("outcome", "retry").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private DistributionSummary backoff() {
        return meters.summary("orders.retry.backoff");
    }
}
