package com.orderrouter.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.orderrouter.localstack.DynamoDbFaults;
import com.orderrouter.localstack.DynamoDbFaults.Request;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.Resources;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar on a FIFO pair of its own, one consumer, DynamoDB behind {@link DynamoDbFaults}: order A's create fails
 * (DynamoDB answers 500) until the test has seen its group held back, while order B, in the same receive, goes on.
 * Attempts are counted from the service's log lines (per message id) and from the DynamoDB requests the proxy saw,
 * never by timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FifoGroupFailureIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbFaults dynamoDb = DynamoDbFaults.inFrontOf(STACK.dynalite());
    private final StackProbe probe = new StackProbe(STACK);
    private final Resources fifo = Resources.provisionFifo(STACK.sqs(), STACK.resources(), "orders-groups");
    private ServiceProcess service;

    @AfterAll
    void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        dynamoDb.close();
    }

    @Test
    void aFailedCreateHoldsBackItsGroupsUpdatesUntilItIsStoredWhileAnotherGroupGoesOn() {
        String a = OrdersSqsToDynamodbIT.newOrderId();
        String b = OrdersSqsToDynamodbIT.newOrderId();
        StubMapping fault = dynamoDb.failPutItemOf(a);
        // one receive's worth, sent before the service starts so its first receive gets them all
        Map<String, String> ids = send(
                entry("a-create", a, OrderEventsJson.created(a, "2026-11-27T10:00:00Z")),
                entry("a-paid", a, OrderEventsJson.updated(a, "paid", "2026-11-27T10:01:00Z")),
                entry("b-create", b, OrderEventsJson.created(b, "2026-11-27T10:00:00Z")),
                entry("a-shipped", a, OrderEventsJson.updated(a, "shipped", "2026-11-27T10:02:00Z")),
                entry("b-paid", b, OrderEventsJson.updated(b, "paid", "2026-11-27T10:01:00Z")));
        service = ServiceProcess.start(STACK, Map.of("QUEUE_URL", fifo.ordersQueueUrl(),
                "DLQ_URL", fifo.deadLetterQueueUrl(), "CONCURRENT_CONSUMERS", "1",
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint(),
                "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()),
                // 5 s instead of 30 s before the failed create comes back
                "JAVA_TOOL_OPTIONS", "-Dorders.backoff.base-seconds=5"), Path.of("target/service-fifo-groups.log"));

        // A's create failed and both its updates were held back; B was stored and updated meanwhile
        await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive()).until(() -> {
            Map<String, List<String>> lines = linesByMessage();
            return lines.getOrDefault(ids.get("a-create"), List.of()).contains("retry/transient")
                    && lines.getOrDefault(ids.get("a-paid"), List.of()).contains("retry/group-blocked")
                    && lines.getOrDefault(ids.get("a-shipped"), List.of()).contains("retry/group-blocked")
                    && "paid".equals(status(b));
        });
        assertThat(probe.order(a)).as("A is not stored yet").isEmpty();
        assertThat(dynamoDb.requests()).filteredOn(r -> r.isFor(a))
                .as("A's updates were not attempted: only A's failing PutItems reached DynamoDB")
                .allSatisfy(r -> assertThat(r).extracting(Request::operation, Request::status)
                        .containsExactly("PutItem", 500));

        dynamoDb.clear(fault);

        await().atMost(PATIENCE).until(() -> "shipped".equals(status(a)));
        // the log line follows the write: wait for both updates' lines before counting
        await().atMost(PATIENCE).until(() -> List.of("a-paid", "a-shipped").stream().allMatch(update ->
                linesByMessage().getOrDefault(ids.get(update), List.of()).contains("success")));
        assertThat(probe.order(a).get("updated_at").s()).isEqualTo("2026-11-27T10:02:00.000000Z");
        List<Request> forA = dynamoDb.requests().stream().filter(r -> r.isFor(a)).toList();
        int stored = indexOf(forA, "PutItem", 200);
        assertThat(forA.subList(stored + 1, forA.size())).as("after the create was stored: the two updates, once each")
                .extracting(Request::operation, Request::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UpdateItem", 200),
                        org.assertj.core.groups.Tuple.tuple("UpdateItem", 200));
        Map<String, List<String>> lines = linesByMessage();
        assertThat(lines.get(ids.get("a-create"))).endsWith("success").contains("retry/transient")
                .doesNotContain("retry/group-blocked");
        for (String update : List.of("a-paid", "a-shipped")) {
            assertThat(lines.get(ids.get(update))).as(update + ": held back until the create was stored, then applied once")
                    .endsWith("success").containsOnly("retry/group-blocked", "success")
                    .containsOnlyOnce("success");
        }
        assertThat(lines.get(ids.get("b-create"))).containsExactly("success");
        assertThat(lines.get(ids.get("b-paid"))).containsExactly("success");
        assertThat(depth(fifo.deadLetterQueueUrl())).isZero();
    }

    private String status(String orderId) {
        AttributeValue status = probe.order(orderId).get("status");
        return status == null ? null : status.s();
    }

    private static int indexOf(List<Request> requests, String operation, int status) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).operation().equals(operation) && requests.get(i).status() == status) {
                return i;
            }
        }
        throw new AssertionError("no " + operation + " answered " + status + " in " + requests);
    }

    /** Per message id, the outcome of each of its per-message log lines in order: success, retry/transient, ... */
    private Map<String, List<String>> linesByMessage() {
        Map<String, List<String>> lines = new HashMap<>();
        for (String line : service.logLines()) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode event = JSON.readTree(line);
                if (event.has("outcome") && event.has("message_id")) {
                    String outcome = event.get("outcome").asText();
                    String kind = event.has("error_class") ? outcome + "/" + event.get("error_class").asText() : outcome;
                    lines.computeIfAbsent(event.get("message_id").asText(), id -> new ArrayList<>()).add(kind);
                }
            } catch (JsonProcessingException e) {
                // the last line, still being written
            }
        }
        return lines;
    }

    /** Sends the entries in one SendMessageBatch; returns each entry's SQS message id by entry id. */
    private Map<String, String> send(SendMessageBatchRequestEntry... entries) {
        var response = STACK.sqs().sendMessageBatch(b -> b.queueUrl(fifo.ordersQueueUrl()).entries(entries));
        assertThat(response.failed()).isEmpty();
        Map<String, String> ids = new HashMap<>();
        for (SendMessageBatchResultEntry sent : response.successful()) {
            ids.put(sent.id(), sent.messageId());
        }
        return ids;
    }

    private static SendMessageBatchRequestEntry entry(String id, String order, String body) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).messageGroupId(order)
                .messageDeduplicationId(id + "-" + order).build();
    }

    private int depth(String queueUrl) {
        return STACK.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributes().values().stream()
                .mapToInt(Integer::parseInt).sum();
    }
}
