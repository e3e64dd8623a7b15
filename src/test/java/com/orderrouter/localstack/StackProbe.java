package com.orderrouter.localstack;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Sends to and reads what ended up where on a {@link LocalAwsStack}: table items and queue contents. */
public final class StackProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAwsStack stack;

    public StackProbe(LocalAwsStack stack) {
        this.stack = stack;
    }

    public String send(String body) {
        return stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().ordersQueueUrl()).messageBody(body)).messageId();
    }

    /** Sends the bodies to the orders queue: SendMessageBatch, 10 per call, from 4 threads; fails on any entry refused. */
    public void sendAll(List<String> bodies) {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int from = 0; from < bodies.size(); from += 10) {
                List<String> chunk = bodies.subList(from, Math.min(from + 10, bodies.size()));
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(chunk.get(i)).build());
                }
                calls.add(senders.submit(() -> {
                    var failed = stack.sqs().sendMessageBatch(b -> b.queueUrl(stack.resources().ordersQueueUrl())
                            .entries(entries)).failed();
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException("send failed: " + failed);
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("sending to the orders queue failed", e);
        } finally {
            senders.shutdownNow();
        }
    }

    /** The stored order, or an empty map; a consistent read so a test sees its own writes. */
    public Map<String, AttributeValue> order(String orderId) {
        return stack.dynamoDb().getItem(b -> b.tableName(stack.resources().tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("METADATA"))))
                .item();
    }

    /** Orders whose id starts with the prefix, and with the given status unless it is null (a paginated count Scan). */
    public int storedOrders(String orderIdPrefix, String status) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS("ORDER#" + orderIdPrefix)));
        String filter = "begins_with(pk, :p)";
        if (status != null) {
            values.put(":s", AttributeValue.fromS(status));
            filter += " AND #st = :s";
        }
        String f = filter;
        return stack.dynamoDb().scanPaginator(b -> {
            b.tableName(stack.resources().tableName()).select(Select.COUNT).filterExpression(f)
                    .expressionAttributeValues(values);
            if (status != null) {
                b.expressionAttributeNames(Map.of("#st", "status"));
            }
        }).stream().mapToInt(ScanResponse::count).sum();
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
        return archivedRecords().stream().filter(r -> sourceMessageId.equals(r.path("source_message_id").asText()))
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
