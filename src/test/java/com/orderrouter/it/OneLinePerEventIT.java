package com.orderrouter.it;

import java.util.List;

import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.testing.LogCapture;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an on-call engineer reads: a message that fails transiently logs one WARN when it goes back to its queue (the
 * in-process attempts and Camel's consumer say nothing above DEBUG), and an archived dead letter logs one INFO.
 */
class OneLinePerEventIT extends ServiceOnLocalStack {

    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.of("");
    }

    @AfterEach
    void cleanUp() {
        log.close();
        if (!STACK.dynalite().isRunning()) {
            STACK.restartDynamoDb();
        }
    }

    @Test
    void aTransientFailureLogsOneWarningWithTheMessagesIdsAttemptsReceiveCountAndBackoff() {
        String orderId = OrdersSqsToDynamodbIT.newOrderId();
        double retriesBefore = processed("order_created", "retry");

        STACK.dynalite().stop();
        String messageId = probe.send(OrderEventsJson.created(orderId, "2026-11-30T09:00:00Z"));
        await().atMost(PATIENCE).until(() -> processed("order_created", "retry") > retriesBefore);
        STACK.restartDynamoDb();
        await().atMost(PATIENCE).until(() -> !probe.order(orderId).isEmpty());

        // everything logged at WARN or above from the failure until the order was stored (a receive that came before
        // DynamoDB was back would add its own release line)
        List<LogEvent> warnings = log.events().stream().filter(e -> e.getLevel().isMoreSpecificThan(Level.WARN))
                .toList();
        warnings.forEach(e -> System.out.println(e.getLevel() + " " + e.getMessage().getFormattedMessage() + " "
                + e.getContextData().toMap()));
        assertThat(warnings).as("WARN or ERROR lines: only this message's releases, nothing from Camel")
                .allSatisfy(e -> assertThat(e.getContextData().toMap()).containsEntry("message_id", messageId)
                        .containsEntry("outcome", "retry"));
        assertThat(warnings).filteredOn(e -> "1".equals(e.getContextData().getValue("receive_count")))
                .as("the first receive's failure").singleElement().satisfies(e -> {
                    assertThat(e.getMessage().getFormattedMessage()).startsWith("back on the queue in 1 s: ");
                    assertThat(e.getThrown()).isNull();
                    assertThat(e.getContextData().toMap()).containsEntry("order_id", orderId)
                            .containsEntry("backoff_seconds", "1")
                            // the first delivery and orders.redelivery.max (3) redeliveries
                            .containsEntry("attempts", "4")
                            .containsKey("error_class");
                });
    }

    @Test
    void anArchivedDeadLetterLogsOneInfoLineWithItsKeyAndReason() {
        String body = "not json " + OrdersSqsToDynamodbIT.newOrderId();
        String messageId = probe.send(body);

        await().atMost(PATIENCE).until(() -> archived(messageId).size() == 1);
        LogEvent line = archived(messageId).get(0);
        System.out.println(line.getLevel() + " " + line.getMessage().getFormattedMessage() + " "
                + line.getContextData().toMap());
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getContextData().toMap()).containsEntry("reason_class", "malformed-json")
                .containsEntry("alert_sent", "true")
                .hasEntrySatisfying("s3_key", key -> assertThat(probe.archiveKeys()).contains(key));
        assertThat(log.events()).filteredOn(e -> e.getLevel().isMoreSpecificThan(Level.WARN)
                && e.getLoggerName().startsWith("org.apache.camel")).isEmpty();
    }

    /** The DLQ route's lines for dead letters whose source message is the given one. */
    private List<LogEvent> archived(String sourceMessageId) {
        return log.events().stream().filter(e -> e.getMessage().getFormattedMessage().equals("dead letter archived"))
                .filter(e -> probe.archivedRecordOf(sourceMessageId)
                        .map(r -> r.get("s3_key").asText().equals(e.getContextData().getValue("s3_key")))
                        .orElse(false))
                .toList();
    }
}
