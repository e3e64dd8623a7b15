package com.orderrouter.it;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SNS down while a dead letter is archived (the SNS stand-in stopped, then started again on the same port): the dead
 * letter stays on the DLQ, retried with the backoff, and ends with one archive object and one alert. S3 down is in
 * {@link TransientFaultIT}.
 */
class SnsOutageIT extends ServiceOnLocalStack {

    @AfterEach
    void snsIsBack() {
        if (!STACK.snsStandIn().isRunning()) {
            STACK.snsStandIn().restart();
        }
    }

    @Test
    void snsOutageKeepsTheDeadLetterUntilItIsAlertedOnce() {
        String body = "not json " + OrdersSqsToDynamodbIT.newOrderId();
        double archiveRetriesBefore = meters.counter("orders.dlq.retries").count();

        STACK.snsStandIn().stop();
        String messageId = probe.send(body);
        // archived (S3 is up), but the alert failed: the DLQ route released the dead letter for a later receive
        JsonNode record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                .orElseThrow();
        await().atMost(PATIENCE).until(() -> meters.counter("orders.dlq.retries").count() > archiveRetriesBefore);
        assertThat(probe.deadLetterQueueDepth()).as("still on the DLQ").isEqualTo(1);
        assertThat(alertsFor(record)).isZero();
        STACK.snsStandIn().restart();

        await("an alert once SNS is back").atMost(PATIENCE).until(() -> alertsFor(record) > 0);
        await().atMost(PATIENCE).until(() -> probe.deadLetterQueueDepth() == 0);
        assertThat(alertsFor(record)).as("alerts for the dead letter, once it is deleted from the DLQ").isEqualTo(1);
        assertThat(probe.archivedRecords()).as("archive objects of the dead letter (a re-archive overwrites its key)")
                .filteredOn(r -> messageId.equals(r.path("source_message_id").asText()))
                .hasSize(1).first().satisfies(r -> {
                    assertThat(r.get("body").asText()).isEqualTo(body);
                    assertThat(r.get("system_attributes").get("ApproximateReceiveCount").asInt())
                            .as("archived again on a later receive").isGreaterThan(1);
                });
    }

    private static long alertsFor(JsonNode record) {
        return STACK.snsStandIn().published().stream()
                .filter(alert -> alert.message().contains(record.get("s3_key").asText())).count();
    }
}
