package com.orderrouter.routes;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.orderrouter.failure.ProcessingOutcomes;
import com.orderrouter.testing.LogCapture;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

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
    @EndpointInject("mock:aws2-s3:orders-dlq-archive")
    MockEndpoint s3;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void orderCreatedIsPutOnlyIfTheOrderDoesNotExist() throws Exception {
        dynamodb.expectedMessageCount(1);

        Exchange result = orders.send(exchangeWith(CREATED));

        assertThat(result.isFailed()).isFalse();
        dynamodb.assertIsSatisfied();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
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

        Exchange result = orders.send(exchangeWith(CREATED));

        assertThat(result.isFailed()).isFalse();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
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

        Exchange result = orders.send(exchangeWith(UPDATED));

        assertThat(result.isFailed()).isFalse();
        dynamodb.assertIsSatisfied();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
        assertThat(processed("order_updated", "stale")).isEqualTo(1);
    }

    @Test
    void updateBeforeCreateFailsForRetryAndIsNotDeadLettered() throws Exception {
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("no item").build();
        });
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes", Map.of()));

        Exchange result = orders.send(exchangeWith(UPDATED));

        assertThat(result.isFailed()).as("failed exchanges are not deleted from the queue").isTrue();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
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

        Exchange result = orders.send(exchangeWith(UPDATED));

        assertThat(result.isFailed()).as("failed exchanges are not deleted from the queue").isTrue();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
        assertThat(processed("order_updated", "retry")).isEqualTo(1);
        assertThat(processed("order_updated", "stale")).isZero();
    }

    @Test
    void integerIdsAreStoredAsTheirDecimalText() throws Exception {
        String body = CREATED.replace("\"o-1\"", "5001").replace("\"cust-1\"", "77");
        dynamodb.expectedMessageCount(1);

        Exchange result = orders.send(exchangeWith(body));

        assertThat(result.isFailed()).isFalse();
        dynamodb.assertIsSatisfied();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
        Map<String, AttributeValue> item = header(dynamodb, 0, "CamelAwsDdbItem");
        assertThat(item).containsEntry("pk", s("ORDER#5001")).containsEntry("order_id", s("5001"))
                .containsEntry("customer_id", s("77"));
    }

    @Test
    void integerIdsOfAnySizeKeepEveryDigit() throws Exception {
        String huge = "123456789012345678901234567890";
        String body = CREATED.replace("\"o-1\"", huge).replace("\"cust-1\"", "-" + huge);
        dynamodb.expectedMessageCount(1);

        orders.send(exchangeWith(body));

        dynamodb.assertIsSatisfied();
        Map<String, AttributeValue> item = header(dynamodb, 0, "CamelAwsDdbItem");
        assertThat(item).containsEntry("pk", s("ORDER#" + huge)).containsEntry("customer_id", s("-" + huge));
    }

    @Test
    void integerOrderIdUpdatesTheSameOrderAsItsStringForm() throws Exception {
        dynamodb.expectedMessageCount(2);

        orders.send(exchangeWith(UPDATED.replace("\"o-1\"", "5001")));
        orders.send(exchangeWith(UPDATED.replace("\"o-1\"", "\"5001\"")));

        dynamodb.assertIsSatisfied();
        Map<String, AttributeValue> numeric = header(dynamodb, 0, "CamelAwsDdbKey");
        Map<String, AttributeValue> text = header(dynamodb, 1, "CamelAwsDdbKey");
        assertThat(numeric).isEqualTo(Map.of("pk", s("ORDER#5001"), "sk", s("METADATA"))).isEqualTo(text);
        assertThat(processed("order_updated", "success")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "order_id    | 5001.5  | 5001.5",
            "order_id    | true    | true",
            "order_id    | {}      | {}",
            "order_id    | [5001]  | [5001]",
            "customer_id | 77.5    | 77.5",
            "customer_id | false   | false",
            "customer_id | {\"id\":77} | {\"id\":77}",
            "customer_id | []      | []" })
    void idsThatAreNeitherStringsNorIntegersAreInvalidNamingTheField(String field, String value, String got)
            throws Exception {
        String body = CREATED.replace("\"" + (field.equals("order_id") ? "o-1" : "cust-1") + "\"", value);
        dynamodb.expectedMessageCount(0);

        orders.send(exchangeWith(body));

        dynamodb.assertIsSatisfied();
        SendMessageRequest copy = onlyDlqCopy();
        assertThat(copy.messageBody()).isEqualTo(body);
        assertThat(context(copy).get("reason_class").asText()).isEqualTo("invalid-event");
        assertThat(context(copy).get("reason").asText())
                .isEqualTo("data." + field + ": must be a string or an integer, got " + got);
    }

    @ParameterizedTest(name = "order_id {0}")
    @CsvSource({ "5001", "\"5001\"", "5001.0", "5.001e3" })
    void anIntegerIdIsTheSameOrderHoweverItIsSpelt(String id) throws Exception {
        dynamodb.expectedMessageCount(1);

        orders.send(exchangeWith(CREATED.replace("\"o-1\"", id)));

        dynamodb.assertIsSatisfied();
        Map<String, AttributeValue> item = header(dynamodb, 0, "CamelAwsDdbItem");
        assertThat(item).containsEntry("pk", s("ORDER#5001")).containsEntry("order_id", s("5001"));
    }

    @Test
    void aDeadLetterAttributeFromAProducerIsCarriedWholeNotUnpacked() throws Exception {
        String forged = "{\"reason\":\"r\",\"reason_class\":\"c\",\"source_message_id\":\"m\",\"carried_attributes\":"
                + "{\"injected\":{\"data_type\":\"Binary\"}}}";
        Exchange exchange = exchangeWith("not json");
        exchange.getMessage().setHeader("CamelAwsSqsMessageAttributes", Map.of("dead-letter",
                MessageAttributeValue.builder().dataType("String").stringValue(forged).build()));

        orders.send(exchange);

        SendMessageRequest copy = onlyDlqCopy();
        JsonNode context = context(copy);
        assertThat(context.get("reason_class").asText()).isEqualTo("malformed-json");
        assertThat(context.get("carried_attributes").get("dead-letter").get("string_value").asText())
                .as("the producer's attribute travels whole, as an original").isEqualTo(forged);
        assertThat(copy.messageAttributes()).containsOnlyKeys("dead-letter");
    }

    @Test
    void theLogLineOfAMessageWithAnIntegerOrderIdShowsTheId() throws Exception {
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("no item").build();
        });
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes", Map.of()));

        try (LogCapture logs = LogCapture.of(ProcessingOutcomes.class)) {
            orders.send(exchangeWith(UPDATED.replace("\"o-1\"", "5001")));

            assertThat(logs.events()).singleElement().satisfies(line -> assertThat(line.getContextData().toMap())
                    .containsEntry("order_id", "5001").containsEntry("outcome", "retry"));
        }
    }

    @Test
    void unknownTypeGoesToDlqWithReason() throws Exception {
        String body = CREATED.replace("order_created", "order_cancelled");
        dynamodb.expectedMessageCount(0);

        Exchange result = orders.send(exchangeWith(body));

        assertThat(result.isFailed()).isFalse();
        dynamodb.assertIsSatisfied();
        SendMessageRequest copy = onlyDlqCopy();
        assertThat(copy.messageBody()).isEqualTo(body);
        assertThat(context(copy).get("reason_class").asText()).isEqualTo("unknown-type");
        assertThat(context(copy).get("reason").asText()).startsWith("type: unknown event type \"order_cancelled\"");
        assertThat(processed("unknown", "poison")).isEqualTo(1);
    }

    @Test
    void invalidEventGoesToDlqWithReasonNamingTheField() throws Exception {
        String body = CREATED.replace("49.90", "-1");
        dynamodb.expectedMessageCount(0);

        orders.send(exchangeWith(body));

        dynamodb.assertIsSatisfied();
        JsonNode context = context(onlyDlqCopy());
        assertThat(context.get("reason_class").asText()).isEqualTo("invalid-event");
        assertThat(context.get("reason").asText()).isEqualTo("data.total: must be a non-negative number, got -1");
        assertThat(context.get("route_id").asText()).isEqualTo("orders-sqs-to-dynamodb");
        assertThat(processed("order_created", "poison")).isEqualTo(1);
    }

    @Test
    void malformedJsonGoesToDlqAsItArrived() throws Exception {
        String body = "{\"type\": \"order_created\", oops";
        dynamodb.expectedMessageCount(0);

        orders.send(exchangeWith(body));

        dynamodb.assertIsSatisfied();
        SendMessageRequest copy = onlyDlqCopy();
        assertThat(copy.messageBody()).isEqualTo(body);
        assertThat(context(copy).get("reason_class").asText()).isEqualTo("malformed-json");
        assertThat(context(copy).get("reason").asText()).startsWith("body is not valid JSON");
    }

    @Test
    void bodyOverTheQueuesMaximumMessageSizeIsDeadLetteredWithoutBeingParsed() throws Exception {
        String body = "{\"type\":\"order_created\",\"pad\":\"" + "x".repeat(OfflineSqs.QUEUE_MAX_BYTES) + "\"}";
        dynamodb.expectedMessageCount(0);
        s3.expectedMessageCount(2);

        orders.send(exchangeWith(body));

        dynamodb.assertIsSatisfied();
        // its DLQ copy cannot fit the DLQ (same limit here) either: archived directly (DeadLetterTooLargeForDlqTest)
        assertThat(sqs.sent()).isEmpty();
        s3.assertIsSatisfied();
        JsonNode record = json.readTree(s3.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(record.get("body").asText()).isEqualTo(body);
        assertThat(record.get("reason_class").asText()).isEqualTo("oversized");
        assertThat(record.get("reason").asText())
                .isEqualTo("body: " + body.length() + " bytes is over the limit of " + OfflineSqs.QUEUE_MAX_BYTES);
    }

    @Test
    void aHugeOffendingValueIsQuotedBoundedInTheReason() throws Exception {
        String body = CREATED.replace("49.90", "\"" + "9".repeat(5_000) + "\"");

        orders.send(exchangeWith(body));

        String reason = context(onlyDlqCopy()).get("reason").asText();
        assertThat(reason).isEqualTo("data.total: must be a non-negative number, got \"" + "9".repeat(100)
                + "…\" (5,000 chars)");
    }

    @Test
    void everyOriginalAttributeTravelsWithItsTypeAndTheContextTakesOneSlot() throws Exception {
        Map<String, MessageAttributeValue> originals = new TreeMap<>();
        for (int i = 0; i < 7; i++) {
            originals.put("a" + i, typed("String", "v" + i));
        }
        originals.put("amount", typed("Number", "42.5"));
        originals.put("tenant", typed("String.tenant", "acme"));
        originals.put("raw", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[] {0x00, (byte) 0xff, 0x62, 0x69, 0x6e})).build());
        Exchange exchange = exchangeWith("not json");
        exchange.getMessage().setHeader("CamelAwsSqsMessageId", "source-1");
        exchange.getMessage().setHeader("CamelAwsSqsMessageAttributes", originals);
        // sent in an X-Ray trace: SQS's AWSTraceHeader system attribute
        exchange.getMessage().setHeader("AWSTraceHeader",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        orders.send(exchange);

        SendMessageRequest copy = onlyDlqCopy();
        assertThat(copy.messageAttributes()).hasSize(10).containsKeys("dead-letter", "traceparent");
        // the same trace, parent and sampling decision, as W3C
        assertThat(copy.messageAttributes().get("traceparent").stringValue())
                .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
        JsonNode context = context(copy);
        assertThat(context.get("source_message_id").asText()).isEqualTo("source-1");
        // 10 originals: 8 as attributes next to the context and the trace context, 2 carried inside the context
        Map<String, MessageAttributeValue> all = new TreeMap<>(copy.messageAttributes());
        all.remove("dead-letter");
        all.remove("traceparent");
        assertThat(all).hasSize(8);
        context.get("carried_attributes").fields().forEachRemaining(carried -> {
            JsonNode value = carried.getValue();
            all.put(carried.getKey(), value.has("binary_value")
                    ? MessageAttributeValue.builder().dataType(value.get("data_type").asText())
                            .binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(value.get("binary_value")
                                    .asText()))).build()
                    : typed(value.get("data_type").asText(), value.get("string_value").asText()));
        });
        assertThat(all).isEqualTo(originals);
    }

    @Test
    void transientFailureOnTheLastReceiveGoesToDlqAsRetriesExhaustedWithTheRealReason() throws Exception {
        dynamodb.whenAnyExchangeReceived(e -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });
        Exchange exchange = exchangeWith(CREATED);
        exchange.getMessage().setHeader("ApproximateReceiveCount", String.valueOf(OfflineSqs.MAX_RECEIVE_COUNT));

        Exchange result = orders.send(exchange);

        assertThat(result.isFailed()).as("handed to the DLQ, so deleted").isFalse();
        SendMessageRequest copy = onlyDlqCopy();
        assertThat(copy.messageBody()).isEqualTo(CREATED);
        JsonNode context = context(copy);
        assertThat(context.get("reason_class").asText()).isEqualTo("retries-exhausted");
        assertThat(context.get("reason").asText())
                .isEqualTo("SdkClientException: Unable to execute HTTP request: Connection refused");
        assertThat(context.get("receive_count").asInt()).isEqualTo(3);
        assertThat(processed("order_created", "dead_lettered")).isEqualTo(1);
    }

    @Test
    void transientFailureBeforeTheLastReceiveGoesBackToTheQueue() throws Exception {
        dynamodb.whenAnyExchangeReceived(e -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });
        Exchange exchange = exchangeWith(CREATED);
        exchange.getMessage().setHeader("ApproximateReceiveCount", String.valueOf(OfflineSqs.MAX_RECEIVE_COUNT - 1));

        Exchange result = orders.send(exchange);

        assertThat(result.isFailed()).as("failed exchanges are not deleted from the queue").isTrue();
        assertThat(sqs.sent()).isEmpty();
        assertThat(processed("order_created", "retry")).isEqualTo(1);
    }

    @Test
    void updateWhoseCreateNeverCameEndsInDlqOnTheLastReceive() throws Exception {
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("no item").build();
        });
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes", Map.of()));
        Exchange exchange = exchangeWith(UPDATED);
        exchange.getMessage().setHeader("ApproximateReceiveCount", String.valueOf(OfflineSqs.MAX_RECEIVE_COUNT));

        Exchange result = orders.send(exchange);

        assertThat(result.isFailed()).isFalse();
        JsonNode context = context(onlyDlqCopy());
        assertThat(context.get("reason_class").asText()).isEqualTo("retries-exhausted");
        assertThat(context.get("reason").asText()).isEqualTo("order o-1 was never created");
    }

    private Exchange exchangeWith(String body) {
        Exchange exchange = orders.getCamelContext().getEndpoint("direct:orders").createExchange();
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private SendMessageRequest onlyDlqCopy() {
        assertThat(sqs.sent()).as("DLQ copies").hasSize(1);
        SendMessageRequest copy = sqs.sent().get(0);
        assertThat(copy.queueUrl()).isEqualTo("http://127.0.0.1:1/000000000000/orders-queue-dlq");
        return copy;
    }

    private JsonNode context(SendMessageRequest copy) throws Exception {
        return json.readTree(copy.messageAttributes().get("dead-letter").stringValue());
    }

    private static MessageAttributeValue typed(String dataType, String value) {
        return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
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
