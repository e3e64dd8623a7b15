package com.orderrouter.routes;

import java.util.Map;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/** Route orders-sqs-to-dynamodb, every branch, with the queue replaced and all AWS endpoints mocked. */
class OrdersSqsToDynamodbTest extends OfflineRouteTest {

    private static final String CREATED = """
            {"type":"order_created","timestamp":"2026-11-27T10:15:30.5+01:00","correlation_id":"c-1",
             "data":{"order_id":"o-1","customer_id":"cust-1","items":[{"sku":"A-1","qty":2}],"total":49.90}}""";
    private static final String UPDATED = """
            {"type":"order_updated","timestamp":"2026-11-27T12:00:00Z","data":{"order_id":"o-1","status":"shipped"}}""";

    @Produce("direct:orders")
    ProducerTemplate orders;
    @EndpointInject("mock:aws2-ddb:orders")
    MockEndpoint dynamodb;
    @EndpointInject("mock:aws2-sqs:orders-queue-dlq")
    MockEndpoint dlq;

    @Test
    void orderCreatedIsPutOnlyIfTheOrderDoesNotExist() throws Exception {
        dynamodb.expectedMessageCount(1);
        dlq.expectedMessageCount(0);

        Exchange result = orders.send(exchangeWith(CREATED));

        assertThat(result.isFailed()).isFalse();
        dynamodb.assertIsSatisfied();
        dlq.assertIsSatisfied();
        Map<String, AttributeValue> item = header(dynamodb, 0, "CamelAwsDdbItem");
        assertThat(item).containsEntry("pk", s("ORDER#o-1")).containsEntry("sk", s("METADATA"))
                .containsEntry("status", s("pending")).containsEntry("customer_id", s("cust-1"))
                .containsEntry("created_at", s("2026-11-27T09:15:30.500000Z"))
                .containsEntry("updated_at", s("2026-11-27T09:15:30.500000Z"))
                .containsEntry("total", AttributeValue.fromN("49.90"))
                .containsEntry("correlation_id", s("c-1"));
        assertThat(item.get("items").l()).containsExactly(AttributeValue.fromM(Map.of("sku", s("A-1"),
                "qty", AttributeValue.fromN("2"))));
        Map<String, ExpectedAttributeValue> condition = header(dynamodb, 0, "CamelAwsDdbUpdateCondition");
        assertThat(condition).containsExactly(Map.entry("pk", ExpectedAttributeValue.builder().exists(false).build()));
        assertThat(processed("order_created", "success")).isEqualTo(1);
    }

    @Test
    void duplicateCreateIsCountedAsDuplicateNotFailed() throws Exception {
        dynamodb.whenAnyExchangeReceived(e -> {
            throw ConditionalCheckFailedException.builder().message("exists").build();
        });
        dlq.expectedMessageCount(0);

        Exchange result = orders.send(exchangeWith(CREATED));

        assertThat(result.isFailed()).isFalse();
        dlq.assertIsSatisfied();
        assertThat(processed("order_created", "duplicate")).isEqualTo(1);
        assertThat(processed("order_created", "success")).isZero();
    }

    @Test
    void orderUpdatedSetsStatusOnlyOverOlderState() throws Exception {
        dynamodb.expectedMessageCount(1);

        Exchange result = orders.send(exchangeWith(UPDATED));

        assertThat(result.isFailed()).isFalse();
        dynamodb.assertIsSatisfied();
        Map<String, AttributeValue> key = header(dynamodb, 0, "CamelAwsDdbKey");
        assertThat(key).isEqualTo(Map.of("pk", s("ORDER#o-1"), "sk", s("METADATA")));
        Map<String, AttributeValueUpdate> updates = header(dynamodb, 0, "CamelAwsDdbUpdateValues");
        assertThat(updates).containsEntry("status", put(s("shipped")))
                .containsEntry("updated_at", put(s("2026-11-27T12:00:00.000000Z")));
        Map<String, ExpectedAttributeValue> condition = header(dynamodb, 0, "CamelAwsDdbUpdateCondition");
        assertThat(condition.get("updated_at").comparisonOperator()).isEqualTo(ComparisonOperator.LT);
        assertThat(condition.get("updated_at").attributeValueList()).containsExactly(s("2026-11-27T12:00:00.000000Z"));
        assertThat(processed("order_updated", "success")).isEqualTo(1);
    }

    @Test
    void staleUpdateIsCountedAsStaleNotFailed() throws Exception {
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("newer state").build();
        });
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes",
                Map.of("pk", s("ORDER#o-1"), "updated_at", s("2026-11-27T13:00:00.000000Z"))));
        dynamodb.expectedMessageCount(2);
        dlq.expectedMessageCount(0);

        Exchange result = orders.send(exchangeWith(UPDATED));

        assertThat(result.isFailed()).isFalse();
        dynamodb.assertIsSatisfied();
        dlq.assertIsSatisfied();
        assertThat(processed("order_updated", "stale")).isEqualTo(1);
    }

    @Test
    void updateBeforeCreateFailsForRetryAndIsNotDeadLettered() throws Exception {
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("no item").build();
        });
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes", Map.of()));
        dlq.expectedMessageCount(0);

        Exchange result = orders.send(exchangeWith(UPDATED));

        assertThat(result.isFailed()).as("failed exchanges are not deleted from the queue").isTrue();
        dlq.assertIsSatisfied();
        assertThat(processed("order_updated", "retry")).isEqualTo(1);
    }

    @Test
    void updateWhoseCreateLandsBetweenWriteAndReadIsRetriedNotDroppedAsStale() throws Exception {
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("no item yet").build();
        });
        // the create was stored after the failed update: older state, so the update still has to be applied
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes",
                Map.of("pk", s("ORDER#o-1"), "updated_at", s("2026-11-27T09:15:30.500000Z"))));
        dlq.expectedMessageCount(0);

        Exchange result = orders.send(exchangeWith(UPDATED));

        assertThat(result.isFailed()).as("failed exchanges are not deleted from the queue").isTrue();
        dlq.assertIsSatisfied();
        assertThat(processed("order_updated", "retry")).isEqualTo(1);
        assertThat(processed("order_updated", "stale")).isZero();
    }

    @Test
    void unknownTypeGoesToDlqWithReason() throws Exception {
        String body = CREATED.replace("order_created", "order_cancelled");
        dlq.expectedBodiesReceived(body);
        dlq.expectedHeaderReceived("error-class", "unknown-type");
        dynamodb.expectedMessageCount(0);

        Exchange result = orders.send(exchangeWith(body));

        assertThat(result.isFailed()).isFalse();
        dlq.assertIsSatisfied();
        dynamodb.assertIsSatisfied();
        assertThat(dlq.getExchanges().get(0).getMessage().getHeader("error-reason", String.class))
                .contains("type: unknown event type 'order_cancelled'");
        assertThat(processed("unknown", "poison")).isEqualTo(1);
    }

    @Test
    void invalidEventGoesToDlqWithReasonNamingTheField() throws Exception {
        String body = CREATED.replace("49.90", "-1");
        dlq.expectedBodiesReceived(body);
        dlq.expectedHeaderReceived("error-class", "invalid-event");
        dlq.expectedHeaderReceived("error-reason", "data.total: must be a non-negative number, got -1");
        dlq.expectedHeaderReceived("route-id", "orders-sqs-to-dynamodb");
        dynamodb.expectedMessageCount(0);

        orders.send(exchangeWith(body));

        dlq.assertIsSatisfied();
        dynamodb.assertIsSatisfied();
        assertThat(processed("order_created", "poison")).isEqualTo(1);
    }

    @Test
    void malformedJsonGoesToDlqAsItArrived() throws Exception {
        String body = "{\"type\": \"order_created\", oops";
        dlq.expectedBodiesReceived(body);
        dlq.expectedHeaderReceived("error-class", "malformed-json");
        dynamodb.expectedMessageCount(0);

        orders.send(exchangeWith(body));

        dlq.assertIsSatisfied();
        dynamodb.assertIsSatisfied();
        assertThat(dlq.getExchanges().get(0).getMessage().getHeader("error-reason", String.class))
                .startsWith("body is not valid JSON");
    }

    @Test
    void oversizedBodyGoesToDlqWithoutBeingParsed() throws Exception {
        String body = "{\"type\":\"order_created\",\"pad\":\"" + "x".repeat(262_144) + "\"}";
        dlq.expectedBodiesReceived(body);
        dlq.expectedHeaderReceived("error-class", "oversized");
        dynamodb.expectedMessageCount(0);

        orders.send(exchangeWith(body));

        dlq.assertIsSatisfied();
        dynamodb.assertIsSatisfied();
        assertThat(dlq.getExchanges().get(0).getMessage().getHeader("error-reason", String.class))
                .isEqualTo("body: " + body.length() + " bytes is over the limit of 262144");
    }

    private Exchange exchangeWith(String body) {
        Exchange exchange = orders.getCamelContext().getEndpoint("direct:orders").createExchange();
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private double processed(String type, String outcome) {
        var counter = meters.find("orders.messages.processed").tags("type", type, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @SuppressWarnings("unchecked")
    private static <T> T header(MockEndpoint mock, int index, String name) {
        return (T) mock.getReceivedExchanges().get(index).getMessage().getHeader(name);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValueUpdate put(AttributeValue value) {
        return AttributeValueUpdate.builder().action(AttributeAction.PUT).value(value).build();
    }
}
