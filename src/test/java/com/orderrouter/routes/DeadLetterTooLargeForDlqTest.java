package com.orderrouter.routes;

import com.orderrouter.routetest.OfflineSqs;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size decision of the orders route's dead letters: a DLQ copy (body, original attributes, the dead-letter context)
 * that fits the DLQ's MaximumMessageSize ({@link OfflineSqs#QUEUE_MAX_BYTES} here) is sent there; one that would not is
 * archived and alerted on directly by route dead-letter-to-s3-and-sns, with the record the DLQ route would have
 * written, and nothing is sent to the DLQ.
 */
class DeadLetterTooLargeForDlqTest extends OfflineRouteTest {

    private static final String SENT_2026_11_27 = "1795773600000";
    private static final String KEY = "failed/2026/11/27/source-1.json";
    /** Room the test leaves in the original: less than the copy's dead-letter context adds. */
    private static final int ROOM = 200;

    @Produce("direct:orders")
    ProducerTemplate orders;
    @EndpointInject("mock:aws2-ddb:orders")
    MockEndpoint dynamodb;
    @EndpointInject("mock:aws2-s3:orders-dlq-archive")
    MockEndpoint s3;
    @EndpointInject("mock:aws2-sns:arn:aws:sns:us-east-1:000000000000:orders-alerts")
    MockEndpoint sns;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void poisonWhoseCopyFitsTheDlqIsSentToTheDlqAndNotArchivedByTheService() throws Exception {
        s3.expectedMessageCount(0);

        Exchange result = orders.send(received("not json", Map.of("tenant", typed("String.tenant", "acme")), "1"));

        assertThat(result.isFailed()).isFalse();
        assertThat(sqs.sent()).as("DLQ copies").hasSize(1);
        s3.assertIsSatisfied();
    }

    @Test
    void poisonWhoseCopyWouldBeOverTheDlqLimitIsArchivedWithItsReasonAndAlertedDirectly() throws Exception {
        s3.expectedMessageCount(2);
        sns.expectedMessageCount(1);
        String body = "not json " + "x".repeat(OfflineSqs.QUEUE_MAX_BYTES - ROOM - "not json ".length() - 30);
        Map<String, MessageAttributeValue> attributes = Map.of("tenant", typed("String.tenant", "acme"),
                "amount", typed("Number", "42.5"));

        Exchange result = orders.send(received(body, attributes, "1"));

        assertThat(result.isFailed()).as("archived, so deleted from the orders queue").isFalse();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
        s3.assertIsSatisfied();
        sns.assertIsSatisfied();
        assertThat(s3.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("CamelAwsS3Key"))
                .containsOnly(KEY);
        JsonNode record = json.readTree(s3.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(record.get("schema_version").asInt()).isEqualTo(2);
        assertThat(record.get("body").asText()).as("byte for byte").isEqualTo(body);
        assertThat(record.get("reason_class").asText()).isEqualTo("malformed-json");
        assertThat(record.get("reason").asText()).startsWith("body is not valid JSON");
        assertThat(record.get("source_message_id").asText()).isEqualTo("source-1");
        assertThat(record.get("receive_count").asInt()).isEqualTo(1);
        assertThat(record.get("route_id").asText()).isEqualTo("orders-sqs-to-dynamodb");
        assertThat(record.get("dead_letter_message_id").isNull()).as("there is no DLQ copy").isTrue();
        assertThat(record.get("system_attributes").get("SentTimestamp").asText()).isEqualTo(SENT_2026_11_27);
        assertThat(json.convertValue(record.get("message_attributes"), Map.class)).isEqualTo(Map.of(
                "tenant", Map.of("data_type", "String.tenant", "string_value", "acme"),
                "amount", Map.of("data_type", "Number", "string_value", "42.5")));
        assertThat(s3.getReceivedExchanges().get(1).getMessage().getHeader("CamelAwsS3Metadata", Map.class))
                .as("marked as alerted").containsKey("alerted-at");
        assertThat(sns.getReceivedExchanges().get(0).getMessage().getHeader("reason-class")).isEqualTo("malformed-json");
        assertThat(meters.counter("orders.dlq.archived", "reason_class", "malformed-json").count()).isEqualTo(1);
        assertThat(meters.counter("orders.alerts.published").count()).isEqualTo(1);
    }

    @Test
    void retriesExhaustedWhoseCopyWouldBeOverTheDlqLimitIsArchivedDirectlyWithTheLastFailure() throws Exception {
        dynamodb.whenAnyExchangeReceived(e -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });
        s3.expectedMessageCount(2);
        String created = """
                {"type":"order_created","timestamp":"2026-11-27T10:15:30Z","data":{"order_id":"o-1",\
                "customer_id":"c-1","items":[{"sku":"A-1","qty":1}],"total":1,"note":"%s"}}""";
        String body = created.formatted("n".repeat(OfflineSqs.QUEUE_MAX_BYTES - ROOM - created.length()));

        Exchange result = orders.send(received(body, Map.of(), String.valueOf(OfflineSqs.MAX_RECEIVE_COUNT)));

        assertThat(result.isFailed()).as("archived, so deleted from the orders queue").isFalse();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
        s3.assertIsSatisfied();
        JsonNode record = json.readTree(s3.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(record.get("reason_class").asText()).isEqualTo("retries-exhausted");
        assertThat(record.get("reason").asText())
                .isEqualTo("SdkClientException: Unable to execute HTTP request: Connection refused");
        assertThat(record.get("body").asText()).isEqualTo(body);
    }

    @Test
    void aFailedDirectArchiveFailsTheExchangeSoTheMessageStaysOnTheOrdersQueue() throws Exception {
        s3.whenAnyExchangeReceived(e -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });
        sns.expectedMessageCount(0);
        String body = "not json " + "x".repeat(OfflineSqs.QUEUE_MAX_BYTES - ROOM);

        Exchange result = orders.send(received(body, Map.of(), "1"));

        assertThat(result.isFailed()).as("a failed exchange is not deleted from the orders queue").isTrue();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
        sns.assertIsSatisfied();
        assertThat(meters.find("orders.alerts.published").counter()).isNull();
    }

    /** A message as the aws2-sqs consumer hands it over: id source-1, sent 2026-11-27, on its given receive. */
    private Exchange received(String body, Map<String, MessageAttributeValue> attributes, String receiveCount) {
        Exchange exchange = orders.getCamelContext().getEndpoint("direct:orders").createExchange();
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("CamelAwsSqsMessageId", "source-1");
        exchange.getMessage().setHeader("CamelAwsSqsMessageAttributes", attributes);
        exchange.getMessage().setHeader("CamelAwsSqsAttributes", Map.of(
                MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27,
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, receiveCount));
        exchange.getMessage().setHeader("SentTimestamp", SENT_2026_11_27);
        exchange.getMessage().setHeader("ApproximateReceiveCount", receiveCount);
        return exchange;
    }

    private static MessageAttributeValue typed(String dataType, String value) {
        return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
    }
}
