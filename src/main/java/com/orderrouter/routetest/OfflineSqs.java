package com.orderrouter.routetest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The SQS client of route tests (Java and {@code test-routes}): it answers GetQueueAttributes with a redrive policy of {@value #MAX_RECEIVE_COUNT}
 * receives (as Terraform sets it) and a MaximumMessageSize of {@value #QUEUE_MAX_BYTES} bytes (SQS's default before
 * 2025, not its 1 MiB maximum, so route tests see that the body limit follows the queue), records every SendMessage (the DLQ copies) without a network, and fails anything
 * else as an unreachable server would. Tests that keep the real aws2-sqs consumers {@link #deliver} messages, which
 * ReceiveMessage then returns; their deletes are recorded.
 */
public final class OfflineSqs {

    public static final int MAX_RECEIVE_COUNT = 3;
    public static final int QUEUE_MAX_BYTES = 262_144;

    private final List<SendMessageRequest> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Message>> inboxes = new ConcurrentHashMap<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private final SqsClient client = OfflineClient.of(SqsClient.class, SqsClient.SERVICE_NAME, this::answer);

    public SqsClient client() {
        return client;
    }

    /** Queues a message for the consumer of {@code queueUrl}: its next ReceiveMessage returns it. */
    public void deliver(String queueUrl, Message message) {
        inboxes.computeIfAbsent(queueUrl, url -> new ConcurrentLinkedQueue<>()).add(message);
    }

    /** Receipt handles of the messages deleted so far (DeleteMessageBatch). */
    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    /** Forgets every message sent, delivered and deleted so far. */
    public void clear() {
        sent.clear();
        inboxes.clear();
        deleted.clear();
    }

    /** The SendMessage requests so far, in order. */
    public List<SendMessageRequest> sent() {
        return List.copyOf(sent);
    }

    private Object answer(String method, Object request) {
        return switch (method) {
            case "getQueueAttributes" -> GetQueueAttributesResponse.builder().attributes(Map.of(
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:"
                            + "000000000000:orders-queue-dlq\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}",
                    QueueAttributeName.MAXIMUM_MESSAGE_SIZE, String.valueOf(QUEUE_MAX_BYTES)))
                    .build();
            case "sendMessage" -> {
                sent.add((SendMessageRequest) request);
                yield SendMessageResponse.builder().messageId("dlq-" + sent.size()).build();
            }
            case "receiveMessage" -> receive((ReceiveMessageRequest) request);
            case "deleteMessageBatch" -> delete((DeleteMessageBatchRequest) request);
            default -> throw SdkClientException.create("route tests must not call SQS: " + method);
        };
    }

    private ReceiveMessageResponse receive(ReceiveMessageRequest request) {
        Queue<Message> inbox = inboxes.getOrDefault(request.queueUrl(), new ConcurrentLinkedQueue<>());
        List<Message> messages = new ArrayList<>();
        int max = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
        for (Message next; messages.size() < max && (next = inbox.poll()) != null;) {
            messages.add(next);
        }
        return ReceiveMessageResponse.builder().messages(messages).build();
    }

    private DeleteMessageBatchResponse delete(DeleteMessageBatchRequest request) {
        request.entries().forEach(entry -> deleted.add(entry.receiptHandle()));
        return DeleteMessageBatchResponse.builder().successful(request.entries().stream()
                .map(entry -> DeleteMessageBatchResultEntry.builder().id(entry.id()).build()).toList()).build();
    }
}
