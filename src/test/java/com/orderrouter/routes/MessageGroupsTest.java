package com.orderrouter.routes;

import java.util.List;
import java.util.Map;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIFO group blocking in route orders-sqs-to-dynamodb (MessageGroups): exchanges numbered as camel-aws2-sqs numbers one
 * receive's messages, with their MessageGroupId; DynamoDB mocked.
 */
class MessageGroupsTest extends OfflineRouteTest {

    @Produce("direct:orders")
    ProducerTemplate orders;
    @EndpointInject("mock:aws2-ddb:orders")
    MockEndpoint dynamodb;

    @Test
    void afterATransientFailureTheRestOfItsGroupInTheReceiveIsNotProcessedButOtherGroupsAre() throws Exception {
        // every write of order a fails as throttled, order b's go through
        dynamodb.whenAnyExchangeReceived(e -> {
            if (written(e).equals("ORDER#a")) {
                throw ProvisionedThroughputExceededException.builder().message("throttled").build();
            }
        });

        List<Exchange> batch = receive(
                message("group-a", created("a")),
                message("group-a", updated("a", "paid")),
                message("group-b", created("b")),
                message("group-a", updated("a", "shipped")),
                message("group-b", updated("b", "paid")));

        assertThat(dynamodb.getReceivedExchanges()).extracting(MessageGroupsTest::written)
                .as("a's create with its redeliveries, then only group b")
                .containsExactly("ORDER#a", "ORDER#a", "ORDER#a", "ORDER#a", "ORDER#b", "ORDER#b");
        assertThat(batch).extracting(Exchange::isFailed).containsExactly(true, false, false, false, false);
        assertThat(processed("order_created", "retry")).isEqualTo(1);
        assertThat(processed("unknown", "retry")).as("a's two updates, held back unread").isEqualTo(2);
        assertThat(processed("order_created", "success")).isEqualTo(1);
        assertThat(processed("order_updated", "success")).isEqualTo(1);
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
    }

    @Test
    void anUpdateBeforeItsCreateHoldsBackTheRestOfItsGroup() throws Exception {
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("no item").build();
        });
        // the GetItem that follows: no such order yet
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes", Map.of()));

        receive(message("group-a", updated("a", "paid")), message("group-a", updated("a", "shipped")));

        assertThat(dynamodb.getReceivedCounter()).as("the first update's UpdateItem and GetItem only").isEqualTo(2);
        assertThat(processed("order_updated", "retry")).isEqualTo(1);
        assertThat(processed("unknown", "retry")).isEqualTo(1);
    }

    @Test
    void poisonIsNotAFailureOfItsGroup() throws Exception {
        receive(message("group-a", created("a").replace("\"total\":5", "\"total\":-5")),
                message("group-a", updated("a", "paid")));

        assertThat(sqs.sent()).as("the DLQ copy").hasSize(1);
        assertThat(processed("order_updated", "success")).isEqualTo(1);
        assertThat(processed("unknown", "retry")).isZero();
    }

    @Test
    void aNewReceiveStartsWithNoBlockedGroups() throws Exception {
        // the first create and its three redeliveries are throttled
        for (int attempt = 1; attempt <= 4; attempt++) {
            dynamodb.whenExchangeReceived(attempt, e -> {
                throw ProvisionedThroughputExceededException.builder().message("throttled").build();
            });
        }
        receive(message("group-a", created("a")), message("group-a", updated("a", "paid")));

        receive(message("group-a", created("a")), message("group-a", updated("a", "paid")));

        assertThat(processed("order_created", "retry")).isEqualTo(1);
        assertThat(processed("unknown", "retry")).isEqualTo(1);
        assertThat(processed("order_created", "success")).isEqualTo(1);
        assertThat(processed("order_updated", "success")).isEqualTo(1);
    }

    @Test
    void aReceiveThatStartsWithAMessageWithoutAGroupStillForgetsTheLastReceivesFailures() throws Exception {
        // group a fails in the first receive (its create and three redeliveries throttled)
        for (int attempt = 1; attempt <= 4; attempt++) {
            dynamodb.whenExchangeReceived(attempt, e -> {
                throw ProvisionedThroughputExceededException.builder().message("throttled").build();
            });
        }
        receive(message("group-a", created("a")));

        receive(message(null, created("b")), message("group-a", created("a")));

        assertThat(processed("order_created", "success")).as("b, and a in the new receive").isEqualTo(2);
        assertThat(processed("unknown", "retry")).as("nothing held back").isZero();
    }

    @Test
    void messagesWithoutAGroupAreNeverHeldBack() throws Exception {
        dynamodb.whenAnyExchangeReceived(e -> {
            if (e.getMessage().getHeader("CamelAwsDdbItem") != null) { // a's create; its update goes through
                throw ProvisionedThroughputExceededException.builder().message("throttled").build();
            }
        });

        receive(message(null, created("a")), message(null, updated("a", "paid")));

        assertThat(processed("order_updated", "success")).isEqualTo(1);
        assertThat(processed("unknown", "retry")).isZero();
    }

    /** Sends the messages as one receive, numbered as camel-aws2-sqs numbers them, one after another. */
    private List<Exchange> receive(Exchange... messages) {
        for (int i = 0; i < messages.length; i++) {
            messages[i].setProperty(ExchangePropertyKey.BATCH_INDEX, i);
            messages[i].setProperty(ExchangePropertyKey.BATCH_SIZE, messages.length);
            orders.send(messages[i]);
        }
        return List.of(messages);
    }

    private Exchange message(String group, String body) {
        Exchange exchange = orders.getCamelContext().getEndpoint("direct:orders").createExchange();
        exchange.getMessage().setBody(body);
        if (group != null) {
            exchange.getMessage().setHeader("MessageGroupId", group);
        }
        return exchange;
    }

    private static String created(String order) {
        return """
                {"type":"order_created","timestamp":"2026-11-27T10:00:00Z",\
                "data":{"order_id":"%s","customer_id":"c","items":[{"sku":"A-1","qty":1}],"total":5}}""".formatted(order);
    }

    private static String updated(String order, String status) {
        return """
                {"type":"order_updated","timestamp":"2026-11-27T11:00:00Z","data":{"order_id":"%s","status":"%s"}}"""
                .formatted(order, status);
    }

    /** The pk a DynamoDB request was for. */
    @SuppressWarnings("unchecked")
    private static String written(Exchange request) {
        Map<String, AttributeValue> item = request.getMessage().getHeader("CamelAwsDdbItem", Map.class);
        Map<String, AttributeValue> key = request.getMessage().getHeader("CamelAwsDdbKey", Map.class);
        return (item != null ? item : key).get("pk").s();
    }

    private double processed(String type, String outcome) {
        var counter = meters.find("orders.messages.processed").tags("type", type, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
