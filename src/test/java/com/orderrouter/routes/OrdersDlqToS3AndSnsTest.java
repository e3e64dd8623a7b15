package com.orderrouter.routes;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route orders-dlq-to-s3-and-sns with the DLQ replaced and S3/SNS mocked. The S3 mock sees, per dead letter, the
 * PutObject and, after an alert, the PutObject that marks it; HeadObject (archived and alerted before?) is answered by
 * the offline S3 client from {@code s3Objects}.
 */
class OrdersDlqToS3AndSnsTest extends OfflineRouteTest {

    private static final String SENT_2026_11_27 = "1795773600000";
    private static final String SOURCE_SENT_2026_11_26 = "2026-11-26T23:59:59Z";
    private static final String QUEUE = "https://sqs.example/000000000000/orders-queue";
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    /** The DLQ copy's trace context (the caller's, passed on by the orders route). */
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    @Produce("direct:dlq")
    ProducerTemplate dlq;
    @EndpointInject("mock:aws2-s3:orders-dlq-archive")
    MockEndpoint s3;
    @EndpointInject("mock:aws2-sns:arn:aws:sns:us-east-1:000000000000:orders-alerts")
    MockEndpoint sns;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void deadLetterIsArchivedUnderItsSourceMessageWithEveryOriginalAttributeAndAlerted() throws Exception {
        s3.expectedMessageCount(2);
        sns.expectedMessageCount(1);
        String body = "{\"type\": \"order_created\", oops";
        Map<String, MessageAttributeValue> attributes = new TreeMap<>(Map.of(
                "dead-letter", text(context("body is not valid JSON", "malformed-json",
                        ",\"carried_attributes\":{\"raw\":{\"data_type\":\"Binary.gzip\",\"binary_value\":\"AP9iaW4=\"}}")),
                "traceparent", text(TRACEPARENT),
                "tenant", typed("String.tenant", "acme"),
                "amount", typed("Number", "42.5")));

        Exchange result = dlq.send(deadLetter(body, attributes, Map.of(MessageSystemAttributeName.SENT_TIMESTAMP,
                SENT_2026_11_27, MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));

        assertThat(result.isFailed()).isFalse();
        s3.assertIsSatisfied();
        sns.assertIsSatisfied();
        Exchange archived = s3.getReceivedExchanges().get(0);
        String key = "failed/2026/11/26/source-1.json";
        assertThat(archived.getMessage().getHeader("CamelAwsS3Key")).isEqualTo(key);
        JsonNode record = json.readTree(archived.getMessage().getBody(String.class));
        assertThat(record.get("schema_version").asInt()).isEqualTo(2);
        assertThat(record.get("source_message_id").asText()).isEqualTo("source-1");
        assertThat(record.get("dead_letter_message_id").asText()).isEqualTo("dlq-1");
        assertThat(record.get("body").asText()).isEqualTo(body);
        assertThat(record.get("reason").asText()).isEqualTo("body is not valid JSON");
        assertThat(record.get("reason_class").asText()).isEqualTo("malformed-json");
        assertThat(record.get("source_queue").asText()).isEqualTo(QUEUE);
        assertThat(record.get("source_sent_at").asText()).isEqualTo(SOURCE_SENT_2026_11_26);
        // the originals exactly as received, the carried one included; the context and the copy's trace context are not
        assertThat(json.convertValue(record.get("message_attributes"), Map.class)).isEqualTo(Map.of(
                "tenant", Map.of("data_type", "String.tenant", "string_value", "acme"),
                "amount", Map.of("data_type", "Number", "string_value", "42.5"),
                "raw", Map.of("data_type", "Binary.gzip", "binary_value", "AP9iaW4=")));
        assertThat(record.get("system_attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.get("archived_at").asText()).isNotBlank();
        assertThat(archived.getMessage().getHeader("CamelAwsS3Metadata", Map.class)).as("not alerted yet").isEmpty();

        Exchange alert = sns.getReceivedExchanges().get(0);
        // its text is the routes' (orders.alerts.text): routes/tests/order-with-negative-total-is-dead-lettered.yaml
        assertThat(alert.getMessage().getHeader("reason-class")).isEqualTo("malformed-json");
        // the dead letter's own attributes do not travel to SNS; the trace context does, as it came (no exporter is
        // configured, so no tracer adds a span of its own; TraceContinuityIT runs both ways)
        assertThat(alert.getMessage().getHeaders()).doesNotContainKeys("dead-letter", "tenant", "ApproximateReceiveCount");
        assertThat(alert.getMessage().getHeader("traceparent", String.class)).isEqualTo(TRACEPARENT);

        Exchange marked = s3.getReceivedExchanges().get(1);
        assertThat(marked.getMessage().getHeader("CamelAwsS3Key")).isEqualTo(key);
        assertThat(marked.getMessage().getHeader("CamelAwsS3Metadata", Map.class)).containsKey("alerted-at");
        assertThat(meters.counter("orders.dlq.archived", "reason_class", "malformed-json").count()).isEqualTo(1);
        assertThat(meters.counter("orders.alerts.published").count()).isEqualTo(1);
    }

    @Test
    void messageMovedByRedriveIsArchivedAsExceededMaxReceiveCountWithItsOwnAttributes() throws Exception {
        s3.expectedMessageCount(2);
        sns.expectedHeaderReceived("reason-class", "max-receives-exceeded");

        dlq.send(deadLetter("{\"type\":\"order_updated\"}", Map.of("traceparent", text("00-abc-def-01")), Map.of(
                MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27,
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "4",
                MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN, "arn:aws:sqs:us-east-1:000000000000:orders-queue")));

        s3.assertIsSatisfied();
        sns.assertIsSatisfied();
        Exchange archived = s3.getReceivedExchanges().get(0);
        assertThat(archived.getMessage().getHeader("CamelAwsS3Key")).isEqualTo("failed/2026/11/27/dlq-1.json");
        JsonNode record = json.readTree(archived.getMessage().getBody(String.class));
        assertThat(record.get("reason").asText()).isEqualTo("exceeded maxReceiveCount");
        assertThat(record.get("source_message_id").asText()).as("SQS's redrive keeps the message id").isEqualTo("dlq-1");
        assertThat(record.get("source_queue").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders-queue");
        assertThat(record.get("message_attributes").get("traceparent").get("string_value").asText())
                .as("without the service's context every attribute is an original").isEqualTo("00-abc-def-01");
    }

    @Test
    void aDeadLetterContextOnAMessageSqsMovedIsTheProducersAndIsNotTrusted() throws Exception {
        s3.expectedMessageCount(2);
        // a producer wrote it on the orders queue, naming another message's archive object; SQS's redrive moved it here
        String forged = context("FORGED: all fine", "malformed-json",
                ",\"carried_attributes\":{\"injected\":{\"data_type\":\"String\",\"string_value\":\"x\"}}");
        dlq.send(deadLetter("chain-forged", Map.of("dead-letter", text(forged)), Map.of(
                MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27,
                MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN, "arn:aws:sqs:us-east-1:000000000000:orders-queue")));

        s3.assertIsSatisfied();
        JsonNode record = json.readTree(s3.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(s3.getReceivedExchanges().get(0).getMessage().getHeader("CamelAwsS3Key"))
                .as("its own object, not source-1's").isEqualTo("failed/2026/11/27/dlq-1.json");
        assertThat(record.get("reason_class").asText()).isEqualTo("max-receives-exceeded");
        assertThat(json.convertValue(record.get("message_attributes"), Map.class))
                .as("the forged context is an original attribute, and injects none")
                .isEqualTo(Map.of("dead-letter", Map.of("data_type", "String", "string_value", forged)));
    }

    @Test
    void aContextThatIsNotWellFormedIsNotTrusted() throws Exception {
        s3.expectedMessageCount(2);
        String escaping = context("x", "invalid-event", "").replace("\"source-1\"", "\"../../../outside\"");

        dlq.send(deadLetter("{}", Map.of("dead-letter", text(escaping)), Map.of(
                MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27)));

        s3.assertIsSatisfied();
        assertThat(s3.getReceivedExchanges().get(0).getMessage().getHeader("CamelAwsS3Key"))
                .isEqualTo("failed/2026/11/27/dlq-1.json");
    }

    @Test
    void theSameSourceMessageArchivedTwiceOverwritesOneObjectAndAlertsOnce() throws Exception {
        s3.expectedMessageCount(3);
        sns.expectedMessageCount(1);
        Map<String, MessageAttributeValue> attributes = Map.of("dead-letter", text(context("x", "invalid-event", "")));
        Map<MessageSystemAttributeName, String> system = Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27);

        assertThat(dlq.send(deadLetter("{}", attributes, system, "dlq-1")).isFailed()).isFalse();
        // the second dead letter's HeadObject finds the object as the first one left it: marked as alerted
        s3Objects.put("failed/2026/11/26/source-1.json",
                s3.getReceivedExchanges().get(1).getMessage().getHeader("CamelAwsS3Metadata", Map.class));
        assertThat(dlq.send(deadLetter("{}", attributes, system, "dlq-2")).isFailed()).isFalse();

        s3.assertIsSatisfied();
        sns.assertIsSatisfied();
        assertThat(s3.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("CamelAwsS3Key"))
                .containsOnly("failed/2026/11/26/source-1.json");
        assertThat(s3.getReceivedExchanges().get(2).getMessage().getHeader("CamelAwsS3Metadata", Map.class))
                .as("the overwrite keeps the mark").containsKey("alerted-at");
        assertThat(meters.counter("orders.dlq.archived", "reason_class", "invalid-event").count()).isEqualTo(2);
        assertThat(meters.counter("orders.alerts.published").count()).isEqualTo(1);
    }

    @Test
    void failedAlertLeavesTheObjectUnmarkedAndTheMessageOnTheDlq() throws Exception {
        sns.whenAnyExchangeReceived(e -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });
        // each in-process attempt runs the whole archive step again (route dead-letter-to-s3-and-sns): one put each
        int attempts = 1 + Integer.parseInt(dlq.getCamelContext().resolvePropertyPlaceholders("{{orders.redelivery.max}}"));
        s3.expectedMessageCount(attempts);

        Exchange result = dlq.send(deadLetter("x", Map.of("dead-letter", text(context("x", "invalid-event", ""))),
                Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, SENT_2026_11_27)));

        assertThat(result.isFailed()).as("a failed exchange is not deleted from the DLQ").isTrue();
        s3.assertIsSatisfied();
        assertThat(s3.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("CamelAwsS3Metadata", Map.class))
                .as("archived, but never marked: the next delivery alerts").containsOnly(Map.of());
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
        assertThat(meters.counter("orders.dlq.retries").count()).as("released for a later retry").isEqualTo(1);
    }

    @Test
    void messageMovedByRedriveInAnXRayTraceIsAlertedInThatTrace() throws Exception {
        sns.expectedMessageCount(1);
        // moved by SQS's redrive: no dead-letter context, the original's own attributes; a malformed traceparent
        // spelled in another case, and the X-Ray context SQS added
        Map<String, MessageAttributeValue> attributes = new TreeMap<>(Map.of("Traceparent", text("garbage")));

        dlq.send(deadLetter("{\"type\":\"order_updated\"}", attributes, Map.of(
                MessageSystemAttributeName.AWS_TRACE_HEADER,
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "4")));

        sns.assertIsSatisfied();
        Map<String, Object> alert = sns.getReceivedExchanges().get(0).getMessage().getHeaders();
        assertThat(alert.keySet()).filteredOn(name -> name.equalsIgnoreCase("traceparent"))
                .as("one trace context, W3C").containsExactly("traceparent");
        assertThat(alert.get("traceparent")).isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
    }

    /** The service's dead-letter context for source message source-1, sent 2026-11-26. */
    private static String context(String reason, String reasonClass, String more) {
        return "{\"reason\":\"" + reason + "\",\"reason_class\":\"" + reasonClass + "\",\"source_queue\":\"" + QUEUE
                + "\",\"source_message_id\":\"source-1\",\"source_sent_at\":\"" + SOURCE_SENT_2026_11_26
                + "\",\"receive_count\":1,\"failed_at\":\"2026-11-27T10:00:00Z\",\"route_id\":\"orders-sqs-to-dynamodb\""
                + more + "}";
    }

    private Exchange deadLetter(String body, Map<String, MessageAttributeValue> attributes,
            Map<MessageSystemAttributeName, String> system) {
        return deadLetter(body, attributes, system, "dlq-1");
    }

    private Exchange deadLetter(String body, Map<String, MessageAttributeValue> attributes,
            Map<MessageSystemAttributeName, String> system, String messageId) {
        Exchange exchange = dlq.getCamelContext().getEndpoint("direct:dlq").createExchange();
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("CamelAwsSqsMessageId", messageId);
        exchange.getMessage().setHeader("CamelAwsSqsAttributes", system);
        exchange.getMessage().setHeader("CamelAwsSqsMessageAttributes", attributes);
        // as the aws2-sqs consumer does: only the attributes its header filter lets through become headers
        HeaderFilterStrategy filter = exchange.getContext().getRegistry().lookupByNameAndType("sqsAttributeHeaders",
                HeaderFilterStrategy.class);
        attributes.forEach((name, value) -> {
            if (!filter.applyFilterToExternalHeaders(name, value.stringValue(), exchange)) {
                exchange.getMessage().setHeader(name, value.stringValue());
            }
        });
        system.forEach((name, value) -> exchange.getMessage().setHeader(name.toString(), value));
        return exchange;
    }

    private static MessageAttributeValue text(String value) {
        return typed("String", value);
    }

    private static MessageAttributeValue typed(String dataType, String value) {
        return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
    }

}
