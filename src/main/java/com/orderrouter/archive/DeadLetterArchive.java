package com.orderrouter.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.failure.ProcessingOutcomes;import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Turns a message consumed from the DLQ into its {@link DeadLetterRecord} and alert text, and counts archives and
 * alerts ({@code orders.dlq.archived{reason_class}}, {@code orders.alerts.published}).
 */
public class DeadLetterArchive {

    static final String REDRIVE_REASON = "exceeded maxReceiveCount";
    static final String REDRIVE_CLASS = "max-receives-exceeded";
    /** Keyed by the day the message was first sent, so archiving it again overwrites the same object. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);

    private final MeterRegistry registry;
    private final ProcessingOutcomes outcomes;
    private final ObjectMapper json;

    @PropertyInject("orders.archive.bucket")
    private String bucket;

    public DeadLetterArchive(MeterRegistry registry, ProcessingOutcomes outcomes, ObjectMapper json) {
        this.registry = registry;
        this.outcomes = outcomes;
        this.json = json;
    }

    public DeadLetterRecord toRecord(String body, String messageId, Map<MessageSystemAttributeName, String> attributes,
            Map<String, MessageAttributeValue> messageAttributes) {
        Map<String, String> system = new TreeMap<>();
        attributes.forEach((name, value) -> system.put(name.toString(), value));
        Map<String, String> own = new TreeMap<>();
        messageAttributes.forEach((name, value) -> own.put(name, value.stringValue()));

        String reason = own.getOrDefault("error-reason", REDRIVE_REASON);
        String reasonClass = own.getOrDefault("error-class", REDRIVE_CLASS);
        String sourceQueue = own.getOrDefault("source-queue",
                system.get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN.toString()));
        String sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP.toString());
        Instant sentAt = sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
        String key = "failed/" + DAY.format(sentAt) + "/" + messageId + ".json";
        return new DeadLetterRecord(messageId, body, own, system, reason, reasonClass, sourceQueue, key,
                Instant.now().toString());
    }

    public String alertMessage(DeadLetterRecord record) {
        return "Failed message %s from %s: %s. Archived to s3://%s/%s".formatted(record.messageId(),
                record.sourceQueue(), record.reason(), bucket, record.s3Key());
    }

    public void archived(DeadLetterRecord record) {
        registry.counter("orders.dlq.archived", "reason_class", record.reasonClass()).increment();
        registry.counter("orders.alerts.published").increment();
        if (REDRIVE_CLASS.equals(record.reasonClass())) {
            outcomes.redriven(eventType(record.body()));
        }
    }

    /** The event type of an archived body, if it is an order event at all (for the metric's tag). */
    private String eventType(String body) {
        try {
            return json.readTree(body).path("type").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
