package com.orderrouter.failure;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** What the aws2-sqs consumer put on an exchange: the message's identity, receive count and attributes. */
final class SqsMessages {

    private static final Logger LOG = LoggerFactory.getLogger(SqsMessages.class);

    /** System attributes arrive as headers named after the attribute (see Sqs2Consumer). */
    static final String RECEIVE_COUNT = "ApproximateReceiveCount";
    /** FIFO queues only. */
    static final String MESSAGE_GROUP_ID = "MessageGroupId";

    private SqsMessages() {
    }

    /** Arrival time (ms since the epoch) of the message on its queue; SQS keeps it when its redrive moves one. */
    static final String SENT_TIMESTAMP = "SentTimestamp";

    static String messageId(Exchange exchange) {
        return exchange.getMessage().getHeader(Sqs2Constants.MESSAGE_ID, String.class);
    }

    /**
     * The message as the consumer received it (body and headers), whatever the route has done to the exchange since;
     * needs {@code camel.main.allow-use-original-message}. The exchange's own message outside a unit of work.
     */
    static Message received(Exchange exchange) {
        Message original = exchange.getUnitOfWork() == null ? null : exchange.getUnitOfWork().getOriginalInMessage();
        return original == null ? exchange.getMessage() : original;
    }

    static String receiptHandle(Exchange exchange) {
        return exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
    }

    /**
     * From the system attributes the consumer received, which later steps cannot change (a route may remove headers,
     * e.g. before forwarding); the header of that name where there is no such map (route tests).
     */
    static int receiveCount(Exchange exchange) {
        String received = systemAttributes(exchange.getMessage()).get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        Integer count = received != null ? Integer.valueOf(received)
                : exchange.getMessage().getHeader(RECEIVE_COUNT, Integer.class);
        return count == null ? 1 : count;
    }

    @SuppressWarnings("unchecked")
    static Map<String, MessageAttributeValue> messageAttributes(Message message) {
        Map<String, MessageAttributeValue> attributes = message.getHeader(Sqs2Constants.MESSAGE_ATTRIBUTES, Map.class);
        return attributes == null ? Map.of() : attributes;
    }

    /** The message's system attributes ({@code SentTimestamp}, {@code ApproximateReceiveCount}, ...), as received. */
    @SuppressWarnings("unchecked")
    static Map<MessageSystemAttributeName, String> systemAttributes(Message message) {
        Map<MessageSystemAttributeName, String> attributes = message.getHeader(Sqs2Constants.ATTRIBUTES, Map.class);
        return attributes == null ? Map.of() : attributes;
    }

    /** URL of the queue the exchange was consumed from, or null when it did not come from SQS (route tests). */
    static String sourceQueueUrl(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        return from instanceof Sqs2Endpoint sqs ? sqs.getConfiguration().getQueueUrl() : null;
    }

    /** True when the exchange was consumed from SQS with a receipt handle, so it can be released (not in route tests). */
    static boolean releasable(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof Sqs2Endpoint && receiptHandle(exchange) != null;
    }

    /**
     * Makes a {@link #releasable} message visible again on its queue in {@code seconds} (ChangeMessageVisibility with
     * the client that received it). A failure is logged and not thrown: the message still comes back when its current
     * visibility timeout ends.
     */
    static void releaseIn(Exchange exchange, int seconds) {
        Sqs2Endpoint queue = (Sqs2Endpoint) exchange.getFromEndpoint();
        String queueUrl = queue.getConfiguration().getQueueUrl();
        String receiptHandle = receiptHandle(exchange);
        try {
            queue.getClient().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout(seconds));
            LOG.debug("Message {}: back on the queue in {} s", messageId(exchange), seconds);
        } catch (SdkException e) {
            LOG.warn("Could not set the retry backoff of message {}: {}", messageId(exchange), e.getMessage());
        }
    }
}
