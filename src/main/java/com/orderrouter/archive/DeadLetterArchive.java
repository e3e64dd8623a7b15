package com.orderrouter.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.failure.DeadLetterContext;
import com.orderrouter.failure.ProcessingOutcomes;
import com.orderrouter.failure.TypedAttribute;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Turns a message consumed from the DLQ into its {@link DeadLetterRecord} and alert text, keeps the "alerted" mark of
 * an archived source message, and counts archives and alerts ({@code orders.dlq.archived{reason_class}},
 * {@code orders.alerts.published}).
 *
 * <p>One object and one alert per source message: the key is named after the source message id, so a message
 * dead-lettered twice overwrites its object; the object's user metadata {@value #ALERTED_AT} is set, by a second put,
 * only after the alert was published, and a dead letter whose object already has it is archived without an alert. A
 * crash between the alert and the mark sends the alert again: alerts are at least once, never lost.
 */
public class DeadLetterArchive {

    /** The exchange property route dead-letter-to-s3-and-sns reads the {@link DeadLetterRecord} from. */
    public static final String RECORD_PROPERTY = "deadLetter";
    static final String REDRIVE_REASON = "exceeded maxReceiveCount";
    static final String REDRIVE_CLASS = "max-receives-exceeded";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterArchive.class);
    /** S3 user metadata (x-amz-meta-alerted-at) of an archive object whose alert has been published. */
    static final String ALERTED_AT = "alerted-at";
    /** Keyed by the day the source message was sent, so archiving it again overwrites the same object. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);

    private final MeterRegistry registry;
    private final ProcessingOutcomes outcomes;
    private final ObjectMapper json;
    private final Supplier<S3Client> s3;
    private final AlertText alertText;

    @PropertyInject("orders.archive.bucket")
    private String bucket;

    public DeadLetterArchive(MeterRegistry registry, ProcessingOutcomes outcomes, ObjectMapper json,
            Supplier<S3Client> s3, AlertText alertText) {
        this.registry = registry;
        this.outcomes = outcomes;
        this.json = json;
        this.s3 = s3;
        this.alertText = alertText;
    }

    /**
     * @param body              the DLQ message's body (the original's, byte for byte)
     * @param messageId         the DLQ message's id
     * @param attributes        its system attributes
     * @param messageAttributes its message attributes: the service's {@value DeadLetterContext#ATTRIBUTE} context and
     *                          the originals, or only the originals when SQS's redrive moved it
     */
    public DeadLetterRecord toRecord(String body, String messageId, Map<MessageSystemAttributeName, String> attributes,
            Map<String, MessageAttributeValue> messageAttributes) {
        Map<String, String> system = new TreeMap<>();
        attributes.forEach((name, value) -> system.put(name.toString(), value));
        DeadLetterContext context = DeadLetterContext.onDeadLetterQueue(messageAttributes, attributes, json);
        Map<String, TypedAttribute> originals = DeadLetterContext.originals(messageAttributes, context);
        String dlqSent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP.toString());

        if (context == null) {
            // moved by SQS's redrive policy: the DLQ message keeps the source message's id and sent time
            Instant sentAt = dlqSent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(dlqSent));
            return record(messageId, system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID.toString()),
                    system.get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN.toString()), sentAt, body,
                    originals, REDRIVE_REASON, REDRIVE_CLASS, null, null, null, messageId, system);
        }
        return fromContext(context, body, originals, messageId, system, dlqSent);
    }

    /**
     * The record of a failed message archived directly, without a DLQ copy (its copy would be over the DLQ's size
     * limit): the same fields as when the DLQ route archives its copy, except {@code dead_letter_message_id} (null) and
     * {@code system_attributes} (the failed message's own, as it arrived).
     *
     * @param context          the context its DLQ copy would have carried
     * @param body             its body, byte for byte
     * @param originals        every original attribute with its data type
     * @param systemAttributes its system attributes ({@code SentTimestamp}, {@code ApproximateReceiveCount}, ...)
     */
    public DeadLetterRecord toRecord(DeadLetterContext context, String body, Map<String, TypedAttribute> originals,
            Map<MessageSystemAttributeName, String> systemAttributes) {
        Map<String, String> system = new TreeMap<>();
        systemAttributes.forEach((name, value) -> system.put(name.toString(), value));
        return fromContext(context, body, originals, null, system,
                system.get(MessageSystemAttributeName.SENT_TIMESTAMP.toString()));
    }

    /** @param sentTimestamp the SentTimestamp (ms) to date the key by when the context does not say, or null */
    private static DeadLetterRecord fromContext(DeadLetterContext context, String body,
            Map<String, TypedAttribute> originals, String dlqMessageId, Map<String, String> system,
            String sentTimestamp) {
        String sourceId = context.sourceMessageId() == null ? dlqMessageId : context.sourceMessageId();
        Instant sentAt = context.sourceSentAt() != null ? Instant.parse(context.sourceSentAt())
                : sentTimestamp != null ? Instant.ofEpochMilli(Long.parseLong(sentTimestamp)) : Instant.now();
        return record(sourceId, context.messageGroupId(), context.sourceQueue(), sentAt, body, originals,
                context.reason(), context.reasonClass(), context.receiveCount(), context.failedAt(), context.routeId(),
                dlqMessageId, system);
    }

    private static DeadLetterRecord record(String sourceId, String group, String sourceQueue, Instant sentAt,
            String body, Map<String, TypedAttribute> originals, String reason, String reasonClass, Integer receiveCount,
            String failedAt, String routeId, String dlqMessageId, Map<String, String> system) {
        return new DeadLetterRecord(DeadLetterRecord.SCHEMA_VERSION, sourceId, group, sourceQueue, sentAt.toString(),
                body, originals, reason, reasonClass, receiveCount, failedAt, routeId, dlqMessageId, system,
                "failed/" + DAY.format(sentAt) + "/" + sourceId + ".json", Instant.now().toString());
    }

    /**
     * When the alert for this source message's archive object was published (HeadObject on its key), or null when the
     * object does not exist or was not alerted on yet. Any other S3 failure propagates: the dead letter waits.
     */
    public String alertedAt(DeadLetterRecord record) {
        try {
            return s3.get().headObject(b -> b.bucket(bucket).key(record.s3Key())).metadata().get(ALERTED_AT);
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** The archive object's user metadata: the alert mark, kept on every overwrite once set. */
    public Map<String, String> metadata(String alertedAt) {
        return alertedAt == null ? Map.of() : Map.of(ALERTED_AT, alertedAt);
    }

    /** The mark set after the alert was published. */
    public Map<String, String> alertedNow() {
        return metadata(Instant.now().toString());
    }

    /** The alert's text: {@code orders.alerts.text} filled in from the record (see {@link AlertText}). */
    public String alertMessage(DeadLetterRecord record) {
        return alertText.of(record);
    }

    /** @param alertedBefore the alert mark the object had before this archive, or null (an alert was sent now) */
    public void archived(DeadLetterRecord record, String alertedBefore) {
        registry.counter("orders.dlq.archived", "reason_class", record.reasonClass()).increment();
        logArchived(record, alertedBefore == null);
        if (alertedBefore != null) {
            return; // archived again (dead-lettered twice): no second alert, not counted twice
        }
        registry.counter("orders.alerts.published").increment();
        if (REDRIVE_CLASS.equals(record.reasonClass())) {
            outcomes.redriven(eventType(record.body()));
        }
    }

    /** The one INFO line per archived dead letter, its ids as fields (never the body). */
    private static void logArchived(DeadLetterRecord record, boolean alertSent) {
        try (var id = MDC.putCloseable("source_message_id", record.sourceMessageId());
                var reasonClass = MDC.putCloseable("reason_class", record.reasonClass());
                var key = MDC.putCloseable("s3_key", record.s3Key());
                var alert = MDC.putCloseable("alert_sent", String.valueOf(alertSent))) {
            LOG.info("dead letter archived");
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
