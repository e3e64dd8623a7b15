package com.orderrouter.routes;

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

/** Route orders-dlq-to-s3-and-sns with the DLQ replaced and S3/SNS mocked. */
class OrdersDlqToS3AndSnsTest extends OfflineRouteTest {

    private static final String SENT_2026_11_27 = "1795773600000";

    @Produce("direct:dlq")
    ProducerTemplate dlq;
    @EndpointInject("mock:aws2-s3:orders-dlq-archive")
    MockEndpoint s3;
    @EndpointInject("mock:aws2-sns:arn:aws:sns:us-east-1:000000000000:orders-alerts")
    MockEndpoint sns;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void poisonMessageIsArchivedWithItsReasonAndAlerted() throws Exception {
        s3.expectedMessageCount(1);
        sns.expectedMessageCount(1);
        String body = "{\"type\": \"order_created\", oops";

        Exchange result = dlq.send(deadLetter(body, Map.of(
                "error-reason", text("body is not valid JSON"),
                "error-class", text("malformed-json"),
                "source-queue", text("https://sqs.example/000000000000/orders-queue"),
                "traceparent", text("00-abc-def-01")),
                Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));

        assertThat(result.isFailed()).isFalse();
        s3.assertIsSatisfied();
        sns.assertIsSatisfied();
        Exchange archived = s3.getReceivedExchanges().get(0);
        assertThat(archived.getMessage().getHeader("CamelAwsS3Key")).isEqualTo("failed/2026/11/27/m-1.json");
        JsonNode record = json.readTree(archived.getMessage().getBody(String.class));
        assertThat(record.get("body").asText()).isEqualTo(body);
        assertThat(record.get("reason").asText()).isEqualTo("body is not valid JSON");
        assertThat(record.get("reason_class").asText()).isEqualTo("malformed-json");
        assertThat(record.get("source_queue").asText()).isEqualTo("https://sqs.example/000000000000/orders-queue");
        assertThat(record.get("message_attributes").get("traceparent").asText()).isEqualTo("00-abc-def-01");
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.get("archived_at").asText()).isNotBlank();

        Exchange alert = sns.getReceivedExchanges().get(0);
        assertThat(alert.getMessage().getBody(String.class)).isEqualTo("Failed message m-1 from "
                + "https://sqs.example/000000000000/orders-queue: body is not valid JSON. "
                + "Archived to s3://orders-dlq-archive/failed/2026/11/27/m-1.json");
        assertThat(alert.getMessage().getHeader("reason-class")).isEqualTo("malformed-json");
        // the dead letter's own attributes do not travel to SNS; the trace context does (a new span of the same trace)
        assertThat(alert.getMessage().getHeaders()).doesNotContainKeys("error-reason", "ApproximateReceiveCount");
        assertThat(alert.getMessage().getHeader("traceparent", String.class)).isNotEqualTo("00-abc-def-01");
        assertThat(meters.counter("orders.dlq.archived", "reason_class", "malformed-json").count()).isEqualTo(1);
        assertThat(meters.counter("orders.alerts.published").count()).isEqualTo(1);
    }

    @Test
    void messageMovedByRedriveIsArchivedAsExceededMaxReceiveCount() throws Exception {
        s3.expectedMessageCount(1);
        sns.expectedHeaderReceived("reason-class", "max-receives-exceeded");

        dlq.send(deadLetter("{\"type\":\"order_updated\"}", Map.of(), Map.of(
                MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27,
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "4",
                MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN, "arn:aws:sqs:us-east-1:000000000000:orders-queue")));

        s3.assertIsSatisfied();
        sns.assertIsSatisfied();
        JsonNode record = json.readTree(s3.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(record.get("reason").asText()).isEqualTo("exceeded maxReceiveCount");
        assertThat(record.get("source_queue").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders-queue");
    }

    @Test
    void archivingTheSameMessageTwiceWritesTheSameKey() throws Exception {
        s3.expectedMessageCount(2);
        Map<MessageSystemAttributeName, String> system = Map.of(MessageSystemAttributeName.SENT_TIMESTAMP,
                SENT_2026_11_27);

        dlq.send(deadLetter("{}", Map.of(), system));
        dlq.send(deadLetter("{}", Map.of(), system));

        s3.assertIsSatisfied();
        assertThat(s3.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("CamelAwsS3Key"))
                .containsExactly("failed/2026/11/27/m-1.json", "failed/2026/11/27/m-1.json");
    }

    @Test
    void failedArchiveKeepsTheMessageAndSendsNoAlert() throws Exception {
        s3.whenAnyExchangeReceived(e -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });
        sns.expectedMessageCount(0);

        Exchange result = dlq.send(deadLetter("x", Map.of(), Map.of(MessageSystemAttributeName.SENT_TIMESTAMP,
                SENT_2026_11_27)));

        assertThat(result.isFailed()).as("a failed exchange is not deleted from the DLQ").isTrue();
        sns.assertIsSatisfied();
        assertThat(meters.find("orders.alerts.published").counter()).isNull();
    }

    private Exchange deadLetter(String body, Map<String, MessageAttributeValue> attributes,
            Map<MessageSystemAttributeName, String> system) {
        Exchange exchange = dlq.getCamelContext().getEndpoint("direct:dlq").createExchange();
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("CamelAwsSqsMessageId", "m-1");
        exchange.getMessage().setHeader("CamelAwsSqsAttributes", system);
        exchange.getMessage().setHeader("CamelAwsSqsMessageAttributes", attributes);
        attributes.forEach((name, value) -> exchange.getMessage().setHeader(name, value.stringValue()));
        system.forEach((name, value) -> exchange.getMessage().setHeader(name.toString(), value));
        return exchange;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
