package com.orderrouter.producer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderrouter.producer.BatchResult.FailedEntry;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends order events to the orders queue: the article's {@code send_order_event} ({@link #send}) and
 * {@code send_batch} ({@link #sendAll}) without their bugs.
 * <ul>
 * <li>Batches respect both SQS limits, 10 entries and 1 MiB per call; an event over 1 MiB is reported failed
 * ({@code MessageTooLong}) instead of failing its whole batch.</li>
 * <li>Entries SQS fails without a sender fault (throttling, internal errors) are sent again with exponential backoff;
 * sender faults are reported, not retried.</li>
 * <li>On a FIFO queue the message group is {@code data.order_id} (not the customer: updates carry none, so they would
 * leave their create's group) and the deduplication id is the SHA-256 of the exact body, which holds the timestamp and
 * correlation id: a resent body is dropped by SQS, a second update of the same order is not.</li>
 * </ul>
 * A retried entry can arrive after a later event of its order, and on a standard queue twice (when SQS stored it but
 * the answer was lost); the consumer orders by {@code timestamp} and writes conditionally (stale updates and duplicate
 * creates are no-ops, an update before its create waits for it), so neither changes the stored result.
 */
public final class OrderProducer {

    /** What SQS accepts as a MessageGroupId; other values (e.g. non-ASCII order ids) are hashed into one. */
    private static final Pattern VALID_GROUP_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");

    private final SqsClient sqs;
    private final String queueUrl;
    private final ProducerOptions options;
    private final Sleeper sleeper;

    public OrderProducer(SqsClient sqs, String queueUrl, ProducerOptions options) {
        this(sqs, queueUrl, options, Sleeper.THREAD);
    }

    OrderProducer(SqsClient sqs, String queueUrl, ProducerOptions options, Sleeper sleeper) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.options = options;
        this.sleeper = sleeper;
    }

    /**
     * Sends {@code {type, data, timestamp: now (UTC), correlation_id: random UUID}}. SendMessage either succeeds or
     * throws, and the SDK already retries throttling and server errors, so there is no retry here.
     *
     * @return the SQS message id
     * @throws EventRejectedException when the event is over 1 MiB or, on a FIFO queue, lacks its group field
     * @throws IllegalArgumentException when type is blank or data is not a JSON object
     * @throws SdkException when SQS does not accept it
     */
    public String send(String type, JsonNode data) {
        OutgoingMessage message = prepare(0, OrderEventJson.create(type, data));
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body())
                .messageGroupId(message.groupId()).messageDeduplicationId(message.deduplicationId())).messageId();
    }

    /**
     * Sends events, each an object with a string {@code type} and an object {@code data}; a {@code timestamp} or
     * {@code correlation_id} an event has is kept, missing ones are filled in. Failures are reported per event, never
     * thrown: a call SQS rejects as a whole fails its entries with the error's code.
     *
     * @throws IllegalArgumentException before anything is sent, when an event lacks its type or data
     */
    public BatchResult sendAll(List<ObjectNode> events) {
        events.forEach(OrderEventJson::requireValid);
        List<FailedEntry> failures = new ArrayList<>();
        List<OutgoingMessage> pending = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                pending.add(prepare(i, events.get(i)));
            } catch (EventRejectedException e) {
                failures.add(new FailedEntry(i, e.code(), true, e.getMessage()));
            }
        }
        int successful = 0;
        for (int attempt = 1; ; attempt++) {
            BatchResult sent = sendOnce(pending);
            successful += sent.successful();
            List<FailedEntry> retryable = new ArrayList<>();
            sent.failures().forEach(failure -> (failure.senderFault() ? failures : retryable).add(failure));
            if (retryable.isEmpty()) {
                break;
            }
            if (attempt == options.maxAttempts() || !pause(attempt)) {
                failures.addAll(retryable);
                break;
            }
            Map<Integer, OutgoingMessage> byIndex = pending.stream()
                    .collect(Collectors.toMap(OutgoingMessage::index, Function.identity()));
            // in input order, so a FIFO group's retried events keep their sequence
            pending = retryable.stream().map(failure -> byIndex.get(failure.index()))
                    .sorted(Comparator.comparingInt(OutgoingMessage::index)).toList();
        }
        failures.sort(Comparator.comparingInt(FailedEntry::index));
        return new BatchResult(successful, failures);
    }

    /** Waits before attempt {@code attempt + 1}; false when interrupted, which ends the retries. */
    private boolean pause(int attempt) {
        try {
            sleeper.sleep(options.initialBackoff().multipliedBy(1L << (attempt - 1)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private BatchResult sendOnce(List<OutgoingMessage> messages) {
        int successful = 0;
        List<FailedEntry> failures = new ArrayList<>();
        for (List<OutgoingMessage> call : Batches.split(messages, Batches.MAX_ENTRIES, Batches.MAX_PAYLOAD_BYTES)) {
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl)
                        .entries(call.stream().map(OutgoingMessage::entry).toList()));
                successful += response.successful().size();
                for (BatchResultErrorEntry failed : response.failed()) {
                    failures.add(new FailedEntry(Integer.parseInt(failed.id()), failed.code(),
                            Boolean.TRUE.equals(failed.senderFault()), failed.message()));
                }
            } catch (SdkException e) {
                // The SDK has already retried what it considers retryable; whatever is not a client error may
                // still pass after a longer pause (an outage, throttling), a client error (no such queue, access
                // denied) will not.
                boolean senderFault = e instanceof AwsServiceException service && service.statusCode() < 500
                        && !service.isThrottlingException();
                String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                        ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
                call.forEach(message -> failures.add(new FailedEntry(message.index(), code, senderFault, e.getMessage())));
            }
        }
        return new BatchResult(successful, failures);
    }

    private OutgoingMessage prepare(int index, ObjectNode event) {
        String body = OrderEventJson.body(OrderEventJson.complete(event));
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Batches.MAX_PAYLOAD_BYTES) {
            throw new EventRejectedException("MessageTooLong",
                    "body is " + bytes + " bytes, over SQS's limit of " + Batches.MAX_PAYLOAD_BYTES);
        }
        if (!options.fifo()) {
            return new OutgoingMessage(index, body, bytes, null, null);
        }
        return new OutgoingMessage(index, body, bytes, groupId(event.get("data")), sha256Hex(body));
    }

    private String groupId(JsonNode data) {
        JsonNode value = data.get(options.groupBy());
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isEmpty()) {
            throw new EventRejectedException("MissingMessageGroupId",
                    "data." + options.groupBy() + " is missing, so the event has no FIFO message group");
        }
        String id = value.asText();
        return VALID_GROUP_ID.matcher(id).matches() ? id : sha256Hex(id);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
