package com.orderrouter.producer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OrderProducer} on a FIFO queue over the wire: the article's group and deduplication bugs, fixed. */
class OrderProducerFifoIT {

    private static LocalSqs local;
    private static SqsClient sqs;

    @BeforeAll
    static void startSqs() {
        local = new LocalSqs();
        sqs = local.newClient();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        local.close();
    }

    @Test
    void aCreateAndTwoUpdatesShareTheOrdersGroupAndArriveInOrder() {
        String queueUrl = local.fifoQueue("orders-queue.fifo");
        OrderProducer producer = new OrderProducer(sqs, queueUrl, ProducerOptions.defaults(queueUrl));
        // the article grouped by customer_id: the updates have none and would have gone to group "default"
        List<ObjectNode> events = List.of(TestEvents.created("2001"),
                TestEvents.updated("2001", "paid", "2026-11-27T10:05:00Z"),
                TestEvents.updated("2001", "shipped", "2026-11-27T10:06:00Z"));

        BatchResult result = producer.sendAll(events);

        assertThat(result.successful()).isEqualTo(3);
        List<Message> received = local.drain(queueUrl);
        assertThat(received).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .containsOnly("2001").hasSize(3);
        // the article's "<order_id>-<type>" would have given both updates the same id, and SQS would drop the second
        assertThat(received).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(received.stream().map(m -> sha256Hex(m.body())).toList());
        assertThat(received).extracting(Message::body).satisfiesExactly(
                body -> assertThat(body).contains("\"order_created\""),
                body -> assertThat(body).contains("\"paid\""),
                body -> assertThat(body).contains("\"shipped\""));
    }

    @Test
    void theSameLineSentTwiceIsDeliveredOnce() {
        String queueUrl = local.fifoQueue("orders-queue-resend.fifo");
        OrderProducer producer = new OrderProducer(sqs, queueUrl, ProducerOptions.defaults(queueUrl));
        ObjectNode line = OrderEventJson.parse(
                "{\"type\":\"order_updated\",\"data\":{\"order_id\":\"2002\",\"status\":\"paid\"},"
                        + "\"timestamp\":\"2026-11-27T10:05:00Z\",\"correlation_id\":\"c-2002\"}");

        BatchResult first = producer.sendAll(List.of(line));
        BatchResult again = producer.sendAll(List.of(line));

        // SQS accepts the resend and drops it: both report success, one message arrives
        assertThat(first.successful()).isEqualTo(1);
        assertThat(again.successful()).isEqualTo(1);
        assertThat(local.drain(queueUrl)).hasSize(1);
    }

    @Test
    void sendSetsTheGroupAndAnOrderIdSqsWouldRejectIsHashed() {
        String queueUrl = local.fifoQueue("orders-queue-single.fifo");
        OrderProducer producer = new OrderProducer(sqs, queueUrl, ProducerOptions.defaults(queueUrl));

        producer.send("order_created", TestEvents.createdData("2003"));
        producer.send("order_created", TestEvents.createdData("commande-é"));

        assertThat(local.drain(queueUrl)).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .containsExactlyInAnyOrder("2003", sha256Hex("commande-é"));
    }

    @Test
    void anEventWithoutItsGroupFieldIsNotSent() {
        String queueUrl = local.fifoQueue("orders-queue-nogroup.fifo");
        OrderProducer producer = new OrderProducer(sqs, queueUrl, ProducerOptions.defaults(queueUrl));
        ObjectNode noOrderId = TestEvents.created("2004");
        ((ObjectNode) noOrderId.get("data")).remove("order_id");

        BatchResult result = producer.sendAll(List.of(noOrderId, TestEvents.created("2005")));

        assertThat(result.successful()).isEqualTo(1);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.index()).isZero();
            assertThat(failure.code()).isEqualTo("MissingMessageGroupId");
        });
        assertThat(local.drain(queueUrl)).hasSize(1);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
