package com.orderrouter.routes;

import com.orderrouter.routetest.OfflineSqs;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the platform does in route orders-sqs-to-dynamodb, whatever the routes declare: the update/create race, dead
 * letters whole with every attribute, bounded reasons, the log line. What the shipped routes decide (what is stored,
 * which event is poison, duplicates, stale updates, retries) is tested as data in routes/tests (ShippedRouteTestsTest).
 */
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

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
