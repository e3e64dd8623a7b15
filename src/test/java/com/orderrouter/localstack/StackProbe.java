package com.orderrouter.localstack;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads what ended up where on a {@link LocalAwsStack}: table items and queue contents. */
public final class StackProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAwsStack stack;

    public StackProbe(LocalAwsStack stack) {
        this.stack = stack;
    }

    public String send(String body) {
        return stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().ordersQueueUrl()).messageBody(body)).messageId();
    }

    /** The stored order, or an empty map; a consistent read so a test sees its own writes. */
    public Map<String, AttributeValue> order(String orderId) {
        return stack.dynamoDb().getItem(b -> b.tableName(stack.resources().tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("METADATA"))))
                .item();
    }

    public int itemCount() {
        return stack.dynamoDb().scan(b -> b.tableName(stack.resources().tableName()).select("COUNT")).count();
    }

    /** Visible plus in-flight plus delayed messages: zero means the queue is drained. */
    public int ordersQueueDepth() {
        return depth(stack.resources().ordersQueueUrl());
    }

    public int deadLetterQueueDepth() {
        return depth(stack.resources().deadLetterQueueUrl());
    }

    /** Keys of the archived dead letters (failed/yyyy/mm/dd/messageId.json). */
    public List<String> archiveKeys() {
        return stack.s3().listObjectsV2Paginator(b -> b.bucket(stack.sinks().archiveBucket()).prefix("failed/"))
                .contents().stream().map(S3Object::key).toList();
    }

    public JsonNode archivedRecord(String key) {
        String json = stack.s3().getObjectAsBytes(b -> b.bucket(stack.sinks().archiveBucket()).key(key)).asUtf8String();
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive record of the dead letter that came from the given orders-queue message, if archived yet. */
    public Optional<JsonNode> archivedRecordOf(String sourceMessageId) {
        return archivedRecords().stream()
                .filter(r -> sourceMessageId.equals(r.path("message_attributes").path("source-message-id").asText()))
                .findFirst();
    }

    /** Every archive record readable now (S3Proxy may list a key a moment before it can be read). */
    public List<JsonNode> archivedRecords() {
        List<JsonNode> records = new ArrayList<>();
        for (String key : archiveKeys()) {
            try {
                records.add(archivedRecord(key));
            } catch (NoSuchKeyException e) {
                // being written right now: read on the next poll
            }
        }
        return records;
    }

    /** Takes every message off the DLQ (with attributes), so each test starts from an empty one. */
    public List<Message> drainDeadLetterQueue() {
        List<Message> drained = new ArrayList<>();
        String url = stack.resources().deadLetterQueueUrl();
        while (true) {
            List<Message> batch = stack.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return drained;
            }
            for (Message message : batch) {
                stack.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                drained.add(message);
            }
        }
    }

    private int depth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
