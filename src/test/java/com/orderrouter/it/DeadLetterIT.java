package com.orderrouter.it;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.Resources;
import com.orderrouter.localstack.SnsStandIn.PublishedAlert;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters over the wire (ElasticMQ, S3Proxy, the SNS stand-in): the DLQ copy and the archive keep every original
 * attribute with its type, reasons stay bounded, an update whose create never comes ends as retries-exhausted, and a
 * source message dead-lettered twice gives one object and one alert.
 */
class DeadLetterIT extends ServiceOnLocalStack {

    private static final String DLQ_ROUTE = "orders-dlq-to-s3-and-sns";
    /** The local queues' MaximumMessageSize, SQS's 1 MiB (ElasticMQ does not report it: the service takes SQS's). */
    private static final int MAX_MESSAGE_BYTES = Integer.parseInt(Resources.MAX_MESSAGE_BYTES);
    private static final byte[] BINARY = HexFormat.of().parseHex("00ff62696e");

    /** The dead-letter context of every DLQ copy the service sent (static: the base class builds the client first). */
    private static final List<String> DLQ_COPIES = new CopyOnWriteArrayList<>();

    private final ObjectMapper json = new ObjectMapper();

    @Override
    ExecutionInterceptor[] sqsInterceptors() {
        return new ExecutionInterceptor[] { new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendMessageRequest send
                        && send.queueUrl().equals(STACK.resources().deadLetterQueueUrl())
                        && send.messageAttributes().containsKey("dead-letter")) {
                    DLQ_COPIES.add(send.messageAttributes().get("dead-letter").stringValue());
                }
            }
        } };
    }

    @Produce("direct:unused")
    ProducerTemplate template;

    @Test
    void tenAttributesKeepTheirTypesOnTheDlqCopyAndInTheArchive() throws Exception {
        Map<String, MessageAttributeValue> sent = new TreeMap<>();
        for (int i = 1; i <= 7; i++) {
            sent.put("s" + i, typed("String", "value-" + i));
        }
        sent.put("amount", typed("Number", "42.5"));
        sent.put("raw", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(BINARY)).build());
        sent.put("tenant", typed("String.tenant", "acme"));
        assertThat(sent).hasSize(10);
        String body = "not json " + OrdersSqsToDynamodbIT.newOrderId();

        // the DLQ route stays stopped until the DLQ copy has been read back
        template.getCamelContext().getRouteController().stopRoute(DLQ_ROUTE);
        String messageId;
        Message copy;
        try {
            // sent in an X-Ray trace (SQS's AWSTraceHeader): the copy carries it on as a W3C traceparent
            messageId = STACK.sqs().sendMessage(b -> b.queueUrl(STACK.resources().ordersQueueUrl()).messageBody(body)
                    .messageAttributes(sent).messageSystemAttributesWithStrings(Map.of("AWSTraceHeader",
                            MessageSystemAttributeValue.builder().dataType("String").stringValue(
                                    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
                                    .build()))).messageId();
            copy = await().atMost(PATIENCE).until(() -> peekDeadLetter(body), Optional::isPresent).orElseThrow();
        } finally {
            template.getCamelContext().getRouteController().startRoute(DLQ_ROUTE);
        }

        assertThat(copy.body()).isEqualTo(body);
        assertThat(copy.messageAttributes()).as("SQS's maximum, never more").hasSize(10)
                .containsKeys("dead-letter", "traceparent");
        assertThat(copy.messageAttributes().get("traceparent").stringValue())
                .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
        JsonNode context = json.readTree(copy.messageAttributes().get("dead-letter").stringValue());
        assertThat(context.get("source_message_id").asText()).isEqualTo(messageId);
        assertThat(context.get("carried_attributes").size()).as("originals that did not fit next to the context")
                .isEqualTo(2);
        Map<String, MessageAttributeValue> readBack = new TreeMap<>(copy.messageAttributes());
        readBack.remove("dead-letter");
        readBack.remove("traceparent");
        context.get("carried_attributes").fields().forEachRemaining(e -> readBack.put(e.getKey(), fromJson(e.getValue())));
        assertThat(readBack).as("every original on the DLQ copy, type and value exact").isEqualTo(sent);

        JsonNode record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                .orElseThrow();
        Map<String, MessageAttributeValue> archived = new TreeMap<>();
        record.get("message_attributes").fields().forEachRemaining(e -> archived.put(e.getKey(), fromJson(e.getValue())));
        assertThat(archived).as("every original in the archive, type and value exact").isEqualTo(sent);
        assertThat(record.at("/message_attributes/raw/binary_value").asText()).isEqualTo("AP9iaW4=");
        assertThat(record.at("/message_attributes/amount").toString())
                .isEqualTo("{\"data_type\":\"Number\",\"string_value\":\"42.5\"}");
        assertThat(record.at("/message_attributes/tenant").toString())
                .isEqualTo("{\"data_type\":\"String.tenant\",\"string_value\":\"acme\"}");
        Map<String, String> copyTypes = new TreeMap<>();
        copy.messageAttributes().forEach((name, value) -> copyTypes.put(name, value.dataType()));
        System.out.printf("DLQ copy: %d attributes %s; carried in dead-letter: %s%narchive record:%n%s%n",
                copy.messageAttributes().size(), copyTypes, context.get("carried_attributes"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(record));
    }

    @Test
    void aFiveThousandCharacterTotalGivesABoundedReasonAlertAndLogLine() {
        String id = OrdersSqsToDynamodbIT.newOrderId();
        String body = OrderEventsJson.created(id, "2026-11-27T10:00:00Z").replace("\"total\":19.99",
                "\"total\":\"" + "7".repeat(5_000) + "\"");
        List<String> logLines;
        String messageId;
        JsonNode record;
        try (CapturedLog log = CapturedLog.open()) {
            messageId = probe.send(body);
            record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                    .orElseThrow();
            logLines = log.lines();
        }

        String reason = record.get("reason").asText();
        assertThat(reason).isEqualTo("data.total: must be a non-negative number, got \"" + "7".repeat(100)
                + "…\" (5,000 chars)");
        assertThat(record.get("body").asText()).as("the full body, in the archive only").isEqualTo(body);
        PublishedAlert alert = await().atMost(PATIENCE).until(() -> STACK.snsStandIn().published().stream()
                .filter(a -> a.message().contains(record.get("s3_key").asText())).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(alert.message()).contains(reason).hasSizeLessThan(400);
        List<String> aboutIt = logLines.stream().filter(line -> line.contains(messageId)).toList();
        assertThat(aboutIt).as("log lines about the message").isNotEmpty();
        assertThat(aboutIt).allSatisfy(line -> assertThat(line).hasSizeLessThan(1_000));
        System.out.printf("bounded reason: body %,d chars; reason %d chars; alert %d chars; longest log line %d chars%n",
                body.length(), reason.length(), alert.message().length(),
                aboutIt.stream().mapToInt(String::length).max().orElse(0));
    }

    @Test
    void anUpdateWhoseCreateNeverComesEndsInTheDlqAsRetriesExhausted() {
        String id = OrdersSqsToDynamodbIT.newOrderId();
        String messageId = probe.send(OrderEventsJson.updated(id, "paid", "2026-11-27T11:00:00Z"));

        JsonNode record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                .orElseThrow();

        assertThat(record.get("reason_class").asText()).isEqualTo("retries-exhausted");
        assertThat(record.get("reason").asText()).isEqualTo("order " + id + " was never created");
        assertThat(record.get("receive_count").asInt()).isEqualTo(3);
        assertThat(probe.order(id)).isEmpty();
    }

    @Test
    void theSameSourceMessageDeadLetteredTwiceGivesOneObjectAndOneAlert() {
        String sourceId = UUID.randomUUID().toString();
        // as the service sends it, twice: its delete from the orders queue was lost in a crash
        Map<String, MessageAttributeValue> copy = Map.of("dead-letter", typed("String", "{\"reason\":\"body is not valid"
                + " JSON\",\"reason_class\":\"malformed-json\",\"source_queue\":\"" + STACK.resources().ordersQueueUrl()
                + "\",\"source_message_id\":\"" + sourceId + "\",\"source_sent_at\":\"2026-11-27T10:00:00Z\","
                + "\"receive_count\":1,\"failed_at\":\"2026-11-27T10:00:01Z\",\"route_id\":\"orders-sqs-to-dynamodb\"}"),
                "tenant", typed("String.tenant", "acme"));
        String key = "failed/2026/11/27/" + sourceId + ".json";

        sendToDeadLetterQueue("oops", copy);
        await().atMost(PATIENCE).until(() -> alertsFor(key) == 1 && alertedAt(key) != null);
        double archivedBefore = meters.counter("orders.dlq.archived", "reason_class", "malformed-json").count();
        sendToDeadLetterQueue("oops", copy);
        await().atMost(PATIENCE).until(() -> meters.counter("orders.dlq.archived", "reason_class", "malformed-json")
                .count() > archivedBefore && probe.deadLetterQueueDepth() == 0);

        assertThat(probe.archiveKeys().stream().filter(k -> k.contains(sourceId))).containsExactly(key);
        assertThat(alertsFor(key)).as("alerts for the source message").isEqualTo(1);
        assertThat(probe.archivedRecord(key).get("source_message_id").asText()).isEqualTo(sourceId);
        assertThat(alertedAt(key)).as("the overwrite kept the alert mark").isNotNull();
    }

    @Test
    void aMessageMovedBySqsRedriveIsArchivedAsMaxReceivesExceededWithItsTypedAttributes() {
        String body = "{\"type\":\"order_updated\",\"note\":\"" + OrdersSqsToDynamodbIT.newOrderId() + "\"}";
        // what SQS's redrive leaves on the DLQ: the message as it was, no context of the service's
        String dlqMessageId = sendToDeadLetterQueue(body, Map.of("amount", typed("Number", "42.5"),
                "raw", MessageAttributeValue.builder().dataType("Binary.gzip").binaryValue(SdkBytes.fromByteArray(BINARY))
                        .build()));

        JsonNode record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(dlqMessageId), Optional::isPresent)
                .orElseThrow();

        assertThat(record.get("reason_class").asText()).isEqualTo("max-receives-exceeded");
        assertThat(record.get("s3_key").asText()).endsWith("/" + dlqMessageId + ".json");
        assertThat(record.at("/message_attributes/amount/data_type").asText()).isEqualTo("Number");
        assertThat(record.at("/message_attributes/raw/data_type").asText()).isEqualTo("Binary.gzip");
        assertThat(Base64.getDecoder().decode(record.at("/message_attributes/raw/binary_value").asText()))
                .isEqualTo(BINARY);
    }

    @Test
    void aPoisonMessageWhoseDlqCopyWouldBeOverTheLimitIsArchivedDirectlyWithItsReasonAndNeverReachesTheDlq()
            throws Exception {
        // 1,040,000 bytes of body plus attributes up to 100 bytes under SQS's 1 MiB: it fits the orders queue, but its
        // DLQ copy (plus the dead-letter context) would not fit the DLQ
        String body = poisonBody(1_040_000);
        Map<String, MessageAttributeValue> sent = new TreeMap<>(Map.of("tenant", typed("String.tenant", "acme")));
        int attributeBytes = "tenant".length() + "String.tenant".length() + "acme".length() + "note".length()
                + "String".length();
        String note = "n".repeat(MAX_MESSAGE_BYTES - 100 - body.length() - attributeBytes);
        sent.put("note", typed("String", note));

        String messageId = STACK.sqs().sendMessage(b -> b.queueUrl(STACK.resources().ordersQueueUrl())
                .messageBody(body).messageAttributes(sent)).messageId();
        JsonNode record = awaitArchived(messageId);
        String key = record.get("s3_key").asText();
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0 && alertedAt(key) != null);

        assertThat(record.get("body").asText()).as("the body byte for byte").isEqualTo(body);
        assertThat(record.get("reason_class").asText()).isEqualTo("malformed-json");
        assertThat(record.get("reason").asText()).startsWith("body is not valid JSON: Unrecognized token 'not'");
        assertThat(record.get("dead_letter_message_id").isNull()).as("archived without a DLQ copy").isTrue();
        Map<String, MessageAttributeValue> archived = new TreeMap<>();
        record.get("message_attributes").fields().forEachRemaining(e -> archived.put(e.getKey(), fromJson(e.getValue())));
        assertThat(archived).as("every original, type and value exact").isEqualTo(sent);
        assertThat(alertsFor(key)).as("alerts for the source message").isEqualTo(1);
        assertThat(dlqCopiesOf(messageId)).as("SendMessage calls to the DLQ for it").isZero();
        assertThat(probe.deadLetterQueueDepth()).as("nothing on the DLQ").isZero();
        System.out.printf("archived directly: message of %,d bytes (body %,d); DLQ copies sent %d; record %s: "
                + "reason_class=%s, dead_letter_message_id=%s, body %,d bytes, %d attributes; alerts %d; "
                + "orders queue %d, DLQ %d%n", body.length() + attributeBytes + note.length(), body.length(),
                dlqCopiesOf(messageId), key, record.get("reason_class").asText(), record.get("dead_letter_message_id"),
                record.get("body").asText().length(), archived.size(), alertsFor(key), probe.ordersQueueDepth(),
                probe.deadLetterQueueDepth());
    }

    @Test
    void aPoisonBodyOf1040000BytesAloneStillFitsTheDlqAndIsArchivedFromThere() throws Exception {
        String body = poisonBody(1_040_000);

        String messageId = probe.send(body);
        JsonNode record = awaitArchived(messageId);
        String key = record.get("s3_key").asText();
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0 && alertedAt(key) != null
                && probe.deadLetterQueueDepth() == 0);

        assertThat(record.get("body").asText()).as("the body byte for byte").isEqualTo(body);
        assertThat(record.get("reason_class").asText()).isEqualTo("malformed-json");
        assertThat(dlqCopiesOf(messageId)).as("SendMessage calls to the DLQ for it").isEqualTo(1);
        assertThat(record.get("dead_letter_message_id").isTextual()).as("archived from its DLQ copy").isTrue();
        assertThat(alertsFor(key)).as("alerts for the source message").isEqualTo(1);
    }

    /** Invalid JSON of exactly {@code bytes} bytes, unique per test. */
    private static String poisonBody(int bytes) {
        String head = "not json " + OrdersSqsToDynamodbIT.newOrderId() + " ";
        return head + "x".repeat(bytes - head.length());
    }

    /** The archive record named after the source message, read once its key is listed (records are 1 MB here). */
    private JsonNode awaitArchived(String sourceMessageId) {
        String key = await().atMost(PATIENCE).until(() -> probe.archiveKeys().stream()
                .filter(k -> k.endsWith("/" + sourceMessageId + ".json")).findFirst(), Optional::isPresent).orElseThrow();
        return await().atMost(PATIENCE).ignoreExceptions().until(() -> probe.archivedRecord(key), r -> r != null);
    }

    private Optional<Message> peekDeadLetter(String body) {
        // visibility 0: the message stays on the DLQ for the route to archive
        return STACK.sqs().receiveMessage(b -> b.queueUrl(STACK.resources().deadLetterQueueUrl()).visibilityTimeout(0)
                .maxNumberOfMessages(10).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).waitTimeSeconds(1)).messages().stream()
                .filter(m -> m.body().equals(body)).findFirst();
    }

    private String sendToDeadLetterQueue(String body, Map<String, MessageAttributeValue> attributes) {
        return STACK.sqs().sendMessage(b -> b.queueUrl(STACK.resources().deadLetterQueueUrl()).messageBody(body)
                .messageAttributes(attributes)).messageId();
    }

    /** DLQ copies the service sent of the given orders-queue message. */
    private static long dlqCopiesOf(String sourceMessageId) {
        return DLQ_COPIES.stream().filter(context -> context.contains("\"source_message_id\":\"" + sourceMessageId))
                .count();
    }

    private static long alertsFor(String key) {
        return STACK.snsStandIn().published().stream().filter(a -> a.message().contains(key)).count();
    }

    private static String alertedAt(String key) {
        return STACK.s3().headObject(b -> b.bucket(STACK.sinks().archiveBucket()).key(key)).metadata().get("alerted-at");
    }

    private static MessageAttributeValue typed(String dataType, String value) {
        return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
    }

    private static MessageAttributeValue fromJson(JsonNode value) {
        MessageAttributeValue.Builder builder = MessageAttributeValue.builder().dataType(value.get("data_type").asText());
        return value.has("binary_value")
                ? builder.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(value.get("binary_value").asText())))
                        .build()
                : builder.stringValue(value.get("string_value").asText()).build();
    }

    /** Every log line of the service while open, as the test configuration lays it out (message and MDC). */
    private static final class CapturedLog extends AbstractAppender implements AutoCloseable {

        private final List<String> lines = new ArrayList<>();

        private CapturedLog() {
            super("captured", null, PatternLayout.newBuilder().withPattern("%d %-5level [%t] %c{1} - %msg %X").build(),
                    true, Property.EMPTY_ARRAY);
        }

        static CapturedLog open() {
            CapturedLog log = new CapturedLog();
            log.start();
            ((LoggerContext) LogManager.getContext(false)).getConfiguration().getRootLogger().addAppender(log, null, null);
            return log;
        }

        @Override
        public synchronized void append(LogEvent event) {
            lines.add(getLayout().toSerializable(event).toString());
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            ((LoggerContext) LogManager.getContext(false)).getConfiguration().getRootLogger().removeAppender(getName());
            stop();
        }
    }
}
