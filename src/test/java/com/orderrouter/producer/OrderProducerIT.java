package com.orderrouter.producer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderrouter.producer.BatchResult.FailedEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@link OrderProducer} over the wire against ElasticMQ, standard queues. */
class OrderProducerIT {

    private static LocalSqs local;

    private final BatchCalls batchCalls = new BatchCalls();
    private SqsClient sqs;
    private String queueUrl;
    private OrderProducer producer;

    @BeforeAll
    static void startSqs() {
        local = new LocalSqs();
    }

    @AfterAll
    static void stopSqs() {
        local.close();
    }

    @BeforeEach
    void newQueue() {
        sqs = local.newClient(batchCalls);
        queueUrl = local.newQueue();
        producer = new OrderProducer(sqs, queueUrl, ProducerOptions.defaults(queueUrl));
    }

    @AfterEach
    void closeClient() {
        sqs.close();
    }

    @Test
    void sendPutsTheEventEnvelopeOnTheQueue() throws Exception {
        String messageId = producer.send("order_created", TestEvents.createdData("1001"));

        List<Message> received = local.drain(queueUrl);
        assertThat(received).extracting(Message::messageId).containsExactly(messageId);
        JsonNode event = TestEvents.JSON.readTree(received.get(0).body());
        assertThat(event.get("type").asText()).isEqualTo("order_created");
        assertThat(event.get("data")).isEqualTo(TestEvents.createdData("1001"));
        String timestamp = event.get("timestamp").asText();
        assertThat(timestamp).endsWith("Z");
        assertThat(Instant.parse(timestamp)).isBetween(Instant.now().minusSeconds(60), Instant.now());
        String correlationId = event.get("correlation_id").asText();
        assertThat(UUID.fromString(correlationId)).hasToString(correlationId);
        assertThat(received.get(0).attributes()).doesNotContainKey(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }

    @Test
    void twentyFiveEventsGoInThreeBatchCalls() {
        List<ObjectNode> events = IntStream.rangeClosed(1, 25).mapToObj(i -> TestEvents.created("25-" + i)).toList();

        BatchResult result = producer.sendAll(events);

        assertThat(result.successful()).isEqualTo(25);
        assertThat(result.failures()).isEmpty();
        assertThat(batchCalls.calls()).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(local.drain(queueUrl)).extracting(m -> orderId(m.body()))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 25).mapToObj(i -> "25-" + i).toList());
    }

    @Test
    void callsStayWithinOneMebibyteInTotal() {
        List<ObjectNode> events = IntStream.rangeClosed(1, 7)
                .mapToObj(i -> TestEvents.createdOfSize("big-" + i, 400_000)).toList();

        BatchResult result = producer.sendAll(events);

        assertThat(result.successful()).isEqualTo(7);
        assertThat(batchCalls.calls()).containsExactly(List.of(400_000, 400_000), List.of(400_000, 400_000),
                List.of(400_000, 400_000), List.of(400_000));
        assertThat(local.drain(queueUrl)).hasSize(7);
    }

    @Test
    void anEventOverTheLimitFailsAloneWithMessageTooLong() {
        List<ObjectNode> events = List.of(TestEvents.created("small-1"), TestEvents.createdOfSize("huge", 1_100_000),
                TestEvents.createdOfSize("at-limit", 1_048_576), TestEvents.createdOfSize("over-limit", 1_048_577),
                TestEvents.created("small-2"));

        BatchResult result = producer.sendAll(events);

        assertThat(result.successful()).isEqualTo(3);
        assertThat(result.failures()).extracting(FailedEntry::index, FailedEntry::code, FailedEntry::senderFault)
                .containsExactly(tuple(1, "MessageTooLong", true), tuple(3, "MessageTooLong", true));
        assertThat(result.failures().get(0).message()).isEqualTo("body is 1100000 bytes, over SQS's limit of 1048576");
        assertThat(local.drain(queueUrl)).extracting(m -> orderId(m.body()))
                .containsExactlyInAnyOrder("small-1", "at-limit", "small-2");
    }

    @Test
    void eventsKeepTheirOwnTimestampAndCorrelationIdAndGetMissingOnes() throws Exception {
        ObjectNode withBoth = TestEvents.updated("k-1", "paid", "2026-11-27T10:05:00Z");
        ObjectNode withNeither = TestEvents.created("k-2");

        producer.sendAll(List.of(withBoth, withNeither));

        List<Message> received = local.drain(queueUrl);
        assertThat(received).hasSize(2);
        for (Message message : received) {
            JsonNode event = TestEvents.JSON.readTree(message.body());
            if (event.get("data").get("order_id").asText().equals("k-1")) {
                assertThat(event).isEqualTo(withBoth);
            } else {
                assertThat(Instant.parse(event.get("timestamp").asText())).isBefore(Instant.now());
                assertThat(UUID.fromString(event.get("correlation_id").asText())).isNotNull();
            }
        }
    }

    private static String orderId(String body) {
        try {
            return TestEvents.JSON.readTree(body).get("data").get("order_id").asText();
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
