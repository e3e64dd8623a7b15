package com.orderrouter.failure;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Why and from where a message was dead-lettered by the service: the one JSON message attribute
 * {@value #ATTRIBUTE} on the DLQ copy, next to the message's own attributes. Originals that do not fit SQS's limit of
 * 10 attributes next to it (and an original {@code traceparent}, whose slot carries the service's trace context) travel
 * inside it, in {@link #carriedAttributes()}, so the copy always holds every original.
 *
 * @param reason            why it failed, bounded ({@link Quoted})
 * @param reasonClass       {@code malformed-json}, {@code invalid-event}, ..., or {@code retries-exhausted}
 * @param sourceQueue       URL of the queue the message was consumed from
 * @param sourceMessageId   its message id there (the archive is keyed by it)
 * @param sourceSentAt      when it was first sent there (ISO-8601; the archive's day)
 * @param messageGroupId    its FIFO message group, else null
 * @param receiveCount      the receive on which it failed
 * @param failedAt          when (ISO-8601)
 * @param routeId           the route that failed
 * @param carriedAttributes original attributes that are not attributes of the copy
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterContext(String reason, String reasonClass, String sourceQueue, String sourceMessageId,
        String sourceSentAt, String messageGroupId, Integer receiveCount, String failedAt, String routeId,
        Map<String, TypedAttribute> carriedAttributes) {

    /** Name of the message attribute holding this context as JSON. */
    public static final String ATTRIBUTE = "dead-letter";
    /** W3C trace context attribute; on a DLQ copy it is always the service's, never an original. */
    public static final String TRACE_ATTRIBUTE = "traceparent";

    /** An SQS message id: what the archive key is named after (no path separators, no dots). */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    /**
     * The context of a DLQ copy, or null when it has none, is not readable or is not well formed (its source message id
     * an SQS id, its time ISO-8601, a reason and a class): then the attribute is an original like any other. Callers
     * that know the message was not sent by the service (SQS's redrive moved it: it has DeadLetterQueueSourceArn) do
     * not read it at all: a producer can write an attribute of this name.
     */
    public static DeadLetterContext read(Map<String, MessageAttributeValue> attributes, ObjectMapper json) {
        MessageAttributeValue value = attributes.get(ATTRIBUTE);
        if (value == null || value.stringValue() == null) {
            return null;
        }
        try {
            DeadLetterContext context = json.readValue(value.stringValue(), DeadLetterContext.class);
            return wellFormed(context) ? context : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null; // someone else's attribute of that name: an original like any other
        }
    }

    /**
     * The context of a message on the DLQ: none when SQS's redrive moved it there (it has DeadLetterQueueSourceArn), as
     * a producer sent it; else {@link #read}. The archive and {@code redrive} decide alike.
     */
    public static DeadLetterContext onDeadLetterQueue(Map<String, MessageAttributeValue> attributes,
            Map<MessageSystemAttributeName, String> system, ObjectMapper json) {
        return system.containsKey(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN) ? null
                : read(attributes, json);
    }

    private static boolean wellFormed(DeadLetterContext context) {
        if (context.reason() == null || context.reasonClass() == null || context.sourceMessageId() == null
                || !MESSAGE_ID.matcher(context.sourceMessageId()).matches()) {
            return false;
        }
        try {
            if (context.sourceSentAt() != null) {
                Instant.parse(context.sourceSentAt());
            }
        } catch (DateTimeException e) {
            return false;
        }
        return context.carriedAttributes() == null || context.carriedAttributes().values().stream()
                .allMatch(TypedAttribute::sendable);
    }

    /**
     * The original message's attributes, with their types, from what arrived: a DLQ copy's (or a redriven copy's)
     * attributes minus the context and the service's trace context, plus the carried ones; anything else as it is.
     */
    public static Map<String, TypedAttribute> originals(Map<String, MessageAttributeValue> attributes,
            DeadLetterContext context) {
        Map<String, TypedAttribute> originals = new TreeMap<>();
        attributes.forEach((name, value) -> {
            if (context == null || !(name.equals(ATTRIBUTE) || name.equals(TRACE_ATTRIBUTE))) {
                originals.put(name, TypedAttribute.of(value));
            }
        });
        if (context != null && context.carriedAttributes() != null) {
            originals.putAll(context.carriedAttributes());
        }
        return originals;
    }
}
