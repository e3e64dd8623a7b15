package com.orderrouter.it;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import com.orderrouter.localstack.OrderEventsJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ingest route over the wire: consumed from ElasticMQ, written to dynalite. */
class OrdersSqsToDynamodbIT extends ServiceOnLocalStack {

    @Test
    void createThenUpdateAreStoredAndReadBack() {
        String id = newOrderId();
        probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z"));
        await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());

        probe.send(OrderEventsJson.updated(id, "shipped", "2026-11-27T11:00:00Z"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(probe.order(id).get("status").s()).isEqualTo("shipped"));
        Map<String, AttributeValue> item = probe.order(id);
        assertThat(item.get("customer_id").s()).isEqualTo("cust-" + id);
        assertThat(item.get("total").n()).isEqualTo("19.99");
        assertThat(item.get("created_at").s()).isEqualTo("2026-11-27T10:00:00.000000Z");
        assertThat(item.get("updated_at").s()).isEqualTo("2026-11-27T11:00:00.000000Z");
        assertThat(item.get("correlation_id").s()).isEqualTo("corr-" + id);
        assertThat(item.get("items").l()).hasSize(1);
    }

    @Test
    void integerIdCreateAndStringIdUpdateAreOneOrder() {
        // an integer no other test uses: the decimal digits of a random UUID's low bits
        String id = Long.toUnsignedString(UUID.randomUUID().getLeastSignificantBits());
        probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z")
                .replace("\"order_id\":\"" + id + "\"", "\"order_id\":" + id)
                .replace("\"customer_id\":\"cust-" + id + "\"", "\"customer_id\":77"));
        await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());

        probe.send(OrderEventsJson.updated(id, "paid", "2026-11-27T11:00:00Z"));

        await().atMost(PATIENCE).until(() -> "paid".equals(probe.order(id).get("status").s()));
        Map<String, AttributeValue> item = probe.order(id);
        assertThat(item.get("pk").s()).isEqualTo("ORDER#" + id);
        assertThat(item.get("order_id").s()).isEqualTo(id);
        assertThat(item.get("customer_id").s()).isEqualTo("77");
        assertThat(item.get("status").s()).isEqualTo("paid");
        assertThat(item.get("updated_at").s()).isEqualTo("2026-11-27T11:00:00.000000Z");
        assertThat(probe.storedOrders(id, null)).as("one item for the order, whichever way its id was sent")
                .isEqualTo(1);
    }

    @Test
    void duplicateCreateLeavesOneUnchangedItem() {
        String id = newOrderId();
        double duplicatesBefore = processed("order_created", "duplicate");
        probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z"));
        await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());
        Map<String, AttributeValue> first = probe.order(id);

        probe.send(OrderEventsJson.created(id, "2026-11-27T10:30:00Z").replace("19.99", "99.00"));

        await().atMost(PATIENCE).until(() -> processed("order_created", "duplicate") == duplicatesBefore + 1);
        assertThat(probe.order(id)).isEqualTo(first);
        assertThat(probe.deadLetterQueueDepth()).isZero();
    }

    @Test
    void staleUpdateNeverOverwritesNewerState() {
        String id = newOrderId();
        probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z"));
        await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());
        probe.send(OrderEventsJson.updated(id, "delivered", "2026-11-27T12:00:00Z"));
        await().atMost(PATIENCE).until(() -> "delivered".equals(probe.order(id).get("status").s()));
        double staleBefore = processed("order_updated", "stale");

        probe.send(OrderEventsJson.updated(id, "shipped", "2026-11-27T11:00:00Z"));

        await().atMost(PATIENCE).until(() -> processed("order_updated", "stale") == staleBefore + 1);
        assertThat(probe.order(id).get("status").s()).isEqualTo("delivered");
        assertThat(probe.order(id).get("updated_at").s()).isEqualTo("2026-11-27T12:00:00.000000Z");
    }

    @Test
    void updateBeforeCreateIsAppliedOnceTheCreateArrives() {
        String id = newOrderId();
        double retriesBefore = processed("order_updated", "retry");
        probe.send(OrderEventsJson.updated(id, "paid", "2026-11-27T10:05:00Z"));
        await().atMost(PATIENCE).until(() -> processed("order_updated", "retry") > retriesBefore);
        assertThat(probe.order(id)).isEmpty();

        probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(probe.order(id).get("status")).isNotNull()
                .extracting(AttributeValue::s).isEqualTo("paid"));
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        assertThat(probe.deadLetterQueueDepth()).isZero();
    }

    @Test
    void invalidMessageEndsInDeadLetterQueueNotInTable() {
        String id = newOrderId();
        String body = OrderEventsJson.created(id, "2026-11-27T10:00:00Z").replace("19.99}}", "-5}}");
        String messageId = probe.send(body);

        // the DLQ route consumes the DLQ, so the dead letter is read back from its archive
        JsonNode dead = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                .orElseThrow();

        assertThat(dead.get("body").asText()).isEqualTo(body);
        assertThat(dead.get("reason").asText()).isEqualTo("data.total: must be a non-negative number, got -5");
        assertThat(dead.get("reason_class").asText()).isEqualTo("invalid-event");
        assertThat(dead.get("source_queue").asText()).isEqualTo(STACK.resources().ordersQueueUrl());
        assertThat(dead.get("route_id").asText()).isEqualTo("orders-sqs-to-dynamodb");
        assertThat(dead.get("receive_count").asInt()).isEqualTo(1);
        assertThat(dead.get("failed_at").asText()).isNotBlank();
        assertThat(dead.get("message_attributes").size()).as("the message had no attributes of its own").isZero();
        assertThat(probe.order(id)).isEmpty();
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
    }

    @Test
    void twoHundredMessagesWithTenConsumersLandExactlyOnce() {
        String batch = newOrderId();
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> batch + "-" + i).toList();
        double successesBefore = processed("order_created", "success");

        for (int from = 0; from < ids.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = ids.subList(from, from + 10).stream()
                    .map(id -> SendMessageBatchRequestEntry.builder().id(id)
                            .messageBody(OrderEventsJson.created(id, "2026-11-27T10:00:00Z")).build())
                    .toList();
            assertThat(STACK.sqs().sendMessageBatch(b -> b.queueUrl(STACK.resources().ordersQueueUrl())
                    .entries(entries)).failed()).isEmpty();
        }

        await().atMost(PATIENCE).until(() -> processed("order_created", "success") - successesBefore >= 200);
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        assertThat(processed("order_created", "success") - successesBefore).isEqualTo(200);
        assertThat(ids).allSatisfy(id -> assertThat(probe.order(id)).isNotEmpty());
        assertThat(probe.deadLetterQueueDepth()).isZero();
    }

    static String newOrderId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
