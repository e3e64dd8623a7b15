package com.orderrouter.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.orderrouter.failure.TypedAttribute;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * A dead letter sent back to the orders queue, as {@code redrive} (from the DLQ) and {@code replay} (from the S3
 * archive) send it: the body unchanged, the message attributes with their data types (custom suffixes included), the
 * X-Ray trace header when the message had one, and on a FIFO queue its message group and a deduplication id.
 *
 * @param attributes      at most 10 (SQS's limit), by name
 * @param groupId         FIFO message group; null for a standard queue
 * @param deduplicationId FIFO deduplication id (1-128 characters); null for a standard queue
 * @param traceHeader     the {@code AWSTraceHeader} system attribute, keeping the message in its trace; or null
 */
public record Resend(String body, Map<String, TypedAttribute> attributes, String groupId, String deduplicationId,
        String traceHeader) {

    /** SQS's limit on message attributes per message. */
    public static final int MAX_ATTRIBUTES = 10;

    public Resend {
        attributes = Map.copyOf(attributes);
    }

    /** SQS requires FIFO queue names, and so their URLs, to end in {@code .fifo}. */
    public static boolean isFifo(String queueUrl) {
        return queueUrl.endsWith(".fifo");
    }

    public SendMessageRequest request(String queueUrl) {
        return SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body).messageAttributes(sqsAttributes())
                .messageSystemAttributes(traceAttribute()).messageGroupId(groupId)
                .messageDeduplicationId(deduplicationId).build();
    }

    /** @param entryId the entry's id within its batch */
    public SendMessageBatchRequestEntry entry(String entryId) {
        return SendMessageBatchRequestEntry.builder().id(entryId).messageBody(body).messageAttributes(sqsAttributes())
                .messageSystemAttributes(traceAttribute()).messageGroupId(groupId)
                .messageDeduplicationId(deduplicationId).build();
    }

    /** Body plus attribute names, types and values in bytes, as SQS counts a message's size. */
    public int bytes() {
        int size = TypedAttribute.utf8(body);
        for (Map.Entry<String, TypedAttribute> attribute : attributes.entrySet()) {
            size += attribute.getValue().bytes(attribute.getKey());
        }
        return size;
    }

    private Map<String, MessageAttributeValue> sqsAttributes() {
        Map<String, MessageAttributeValue> sqs = new LinkedHashMap<>();
        attributes.forEach((name, value) -> sqs.put(name, value.toSqs()));
        return sqs;
    }

    /** Null, not empty, without a trace header: the SDK then leaves the field out of the request. */
    private Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> traceAttribute() {
        return traceHeader == null ? null : Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                MessageSystemAttributeValue.builder().dataType("String").stringValue(traceHeader).build());
    }
}
