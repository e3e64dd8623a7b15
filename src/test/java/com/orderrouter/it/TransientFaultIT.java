package com.orderrouter.it;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.orderrouter.OrderRouterMain;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.Resources;
import com.orderrouter.testing.RouteFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.localstack.SnsStandIn.PublishedAlert;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outages of the real servers (dynalite and S3Proxy stopped and started again on the same port): transient failures
 * are retried with backoff and never fill the DLQ; only a permanent outage ends in the DLQ, sent by the service on the
 * last receive the queue's redrive policy allows, with the real reason. The service runs with a 5 s backoff base (10 s
 * max) and the queue's maxReceiveCount of 3: after a message's second failed receive, the test has 10 s to bring
 * DynamoDB back before the third, whatever the machine's speed. The backoffs the service sets are read from its SQS
 * client's ChangeMessageVisibility requests.
 */
@CamelMainTest(mainClass = OrderRouterMain.class,
        propertyPlaceholderLocations = { "classpath:application.properties", RouteFiles.TUNABLES },
        properties = {
        "orders.routes-dir=routes",
        "orders.consumers=10",
        "orders.visibility-timeout-seconds=30",
        "orders.poll.wait-seconds=1",
        "orders.redelivery.delay-ms=20",
        // ServiceOnLocalStack's settings, but a backoff of 5 s then 10 s: the outage ends in the 10 s before a message's
        // last receive (the 3rd), when the service would dead-letter it
        "orders.backoff.base-seconds=5",
        "orders.backoff.max-seconds=10" })
class TransientFaultIT extends ServiceOnLocalStack {

    /** The backoffs README promises with these settings: receive 1, 5 s; receive 2, 10 s. */
    private static final List<String> BACKOFFS = List.of("receive 1: 5 s", "receive 2: 10 s");

    /** What the service received: receipt handle to body and receive count (static: the base class builds the client
     * before our fields). */
    private static final Map<String, Received> RECEIVED = new ConcurrentHashMap<>();
    /** The visibility backoffs the service set, per message body, in order. */
    private static final Map<String, List<String>> RELEASES = new ConcurrentHashMap<>();

    private record Received(String body, String receiveCount) {
    }

    @Override
    ExecutionInterceptor[] sqsInterceptors() {
        return new ExecutionInterceptor[] { new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof ReceiveMessageResponse received) {
                    received.messages().forEach(m -> RECEIVED.put(m.receiptHandle(), new Received(m.body(),
                            m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
                } else if (context.request() instanceof ChangeMessageVisibilityRequest change
                        && RECEIVED.containsKey(change.receiptHandle())) {
                    Received message = RECEIVED.get(change.receiptHandle());
                    RELEASES.computeIfAbsent(message.body(), body -> new CopyOnWriteArrayList<>())
                            .add("receive " + message.receiveCount() + ": " + change.visibilityTimeout() + " s");
                }
            }
        } };
    }

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
        List<String> bodies = IntStream.range(0, 20)
                .mapToObj(i -> OrderEventsJson.created(batch + "-" + i, "2026-11-27T10:00:00Z")).toList();
        double successBefore = processed("order_created", "success");
        double duplicateBefore = processed("order_created", "duplicate");
        int archivedBefore = probe.archiveKeys().size();

        STACK.dynalite().stop();
        // all at once (SendMessageBatch), so their last receives are close together
        probe.sendAll(bodies);
        // every message failed twice (in-process retries, then released with the backoff); the third receive is 10 s
        // after the second
        await().atMost(PATIENCE).until(() -> bodies.stream()
                .allMatch(body -> RELEASES.getOrDefault(body, List.of()).size() >= 2));
        STACK.restartDynamoDb();

        await().atMost(PATIENCE)
                .failFast("a message reached its last receive before DynamoDB was back (the 10 s window)",
                        () -> probe.deadLetterQueueDepth() > 0 || probe.archiveKeys().size() > archivedBefore)
                .until(() -> probe.storedOrders(batch + "-", null) == bodies.size());
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        assertThat(probe.deadLetterQueueDepth()).isZero();
        assertThat(probe.archiveKeys()).hasSize(archivedBefore);
        assertThat(bodies).allSatisfy(body -> assertThat(RELEASES.get(body)).as("backoffs of %s", body)
                .isEqualTo(BACKOFFS));
        // stored once: each by its third receive, none of them seen as already there
        await().atMost(PATIENCE).until(() -> processed("order_created", "success") - successBefore >= bodies.size());
        assertThat(processed("order_created", "success") - successBefore).isEqualTo(bodies.size());
        assertThat(processed("order_created", "duplicate") - duplicateBefore).isZero();
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
        assertThat(RELEASES.get(body)).as("released twice with the backoff, dead-lettered on the third receive")
                .isEqualTo(BACKOFFS);
        // the alert follows the archive; wait for it
        PublishedAlert alert = await().atMost(PATIENCE).until(() -> STACK.snsStandIn().published().stream()
                .filter(a -> a.message().contains(record.get("s3_key").asText())).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(alert.message()).contains("Connection refused");
        assertThat(alert.attribute("reason-class")).isEqualTo("retries-exhausted");
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

}
