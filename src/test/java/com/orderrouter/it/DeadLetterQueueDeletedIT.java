package com.orderrouter.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.localstack.CountingProxy;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar as a process whose DLQ is deleted while it runs (a DLQ missing at start-up stops start-up instead, see
 * StartupChecksIT): its consumer logs it as deleted, not unreachable; a poison message's exchange fails, so the
 * message is not deleted and comes back on its queue (a second send to the DLQ, seen by a proxy in front of SQS); once
 * the DLQ is created again, the next receive dead-letters it, and the DLQ route archives and alerts it.
 */
class DeadLetterQueueDeletedIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POISON = "{\"type\":\"order_shipped\",\"timestamp\":\"2026-11-27T10:00:00Z\","
            + "\"data\":{\"order_id\":\"dlq-down\"}}";

    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void poisonStaysOnItsQueueWhileTheDlqIsDeletedAndIsDeadLetteredOnceItIsCreatedAgain() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // its own queue without a redrive policy, so only the service can move the message anywhere
        String queueUrl = STACK.sqs().createQueue(b -> b.queueName("orders-dlq-down-" + suffix)).queueUrl();
        String dlqName = "orders-dlq-down-dlq-" + suffix;
        String dlqUrl = STACK.sqs().createQueue(b -> b.queueName(dlqName)).queueUrl();
        // the service reaches SQS through a proxy that counts its sends to the DLQ; a short visibility timeout brings a
        // message whose exchange failed back within seconds
        AtomicInteger dlqSends = new AtomicInteger();
        try (CountingProxy sqs = new CountingProxy(STACK.serviceEnvironment().get("AWS_ENDPOINT_URL_SQS"));
                ServiceProcess service = ServiceProcess.start(STACK, Map.of("QUEUE_URL", queueUrl, "DLQ_URL", dlqUrl,
                        "AWS_ENDPOINT_URL_SQS", sqs.endpoint(), "VISIBILITY_TIMEOUT_SECONDS", "2",
                        "ORDERS_POLL_WAIT_SECONDS", "1", "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort())),
                        Path.of("target/service-dlq-deleted.log"))) {
            sqs.beforeForward((operation, body) -> {
                if (operation.equals("SendMessage") && dlqUrl.equals(queueUrlOf(body))) {
                    dlqSends.incrementAndGet();
                }
            });
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> String.join("\n", service.logLines()).contains("started in"));
            STACK.sqs().deleteQueue(b -> b.queueUrl(dlqUrl));
            await().atMost(PATIENCE).until(() -> String.join("\n", service.logLines())
                    .contains("dead-letter queue does not exist (deleted?), polling backs off"));
            String messageId = STACK.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(POISON)).messageId();

            // two tries to dead-letter it: the first failed send did not delete it, it was received again
            await("the message received again after the failed DLQ send").atMost(PATIENCE)
                    .failFast("the service exited", () -> !service.isAlive())
                    .until(() -> dlqSends.get() >= 2);
            assertThat(depth(queueUrl)).as("still on the orders queue").isEqualTo(1);
            assertThat(probe.archivedRecordOf(messageId)).isEmpty();

            // the DLQ is back (created again under the name DLQ_URL gives, as Terraform would)
            assertThat(STACK.sqs().createQueue(b -> b.queueName(dlqName)).queueUrl()).isEqualTo(dlqUrl);

            JsonNode record = await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> probe.archivedRecordOf(messageId), Optional::isPresent).get();
            assertThat(record.get("body").asText()).isEqualTo(POISON);
            assertThat(record.get("reason_class").asText()).isEqualTo("unknown-type");
            await().atMost(PATIENCE).until(() -> STACK.snsStandIn().published().stream()
                    .anyMatch(alert -> alert.message().contains(record.get("s3_key").asText())));
            await().atMost(PATIENCE).until(() -> depth(queueUrl) == 0 && depth(dlqUrl) == 0);
        } finally {
            STACK.sqs().deleteQueue(b -> b.queueUrl(queueUrl));
        }
    }

    /** The QueueUrl of an SQS JSON-protocol request body. */
    private static String queueUrlOf(byte[] body) {
        try {
            return JSON.readTree(body).path("QueueUrl").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int depth(String queueUrl) {
        return STACK.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
                .mapToInt(Integer::parseInt).sum();
    }
}
