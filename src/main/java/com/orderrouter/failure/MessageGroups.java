package com.orderrouter.failure;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * FIFO: once a message fails (transient, or an update before its create), the later messages of its message group in
 * the same receive are not processed but released with the same visibility backoff, so the group comes back in order.
 * Other groups go on; poison is not a failure of its group (it goes to the DLQ and the group continues). This is what
 * Lambda's SQS event source and Powertools' FIFO batch processor do.
 * <p>
 * camel-aws2-sqs processes one receive's exchanges one after another on the polling thread and numbers them
 * ({@code CamelBatchIndex}, 0 for the first), so the failed groups of the current receive are kept per thread and
 * forgotten when the next receive starts. Messages without a {@code MessageGroupId} (standard queues) are never held.
 */
public class MessageGroups {

    /** Reason of the retry a held-back message is counted and logged as. */
    static final String BLOCKED = "group blocked by an earlier failure";

    private static final Logger LOG = LoggerFactory.getLogger(MessageGroups.class);

    private final ProcessingOutcomes outcomes;
    /** The groups that failed in the polling thread's current receive, with their backoff in seconds. */
    private final ThreadLocal<Map<String, Integer>> failedInBatch = new ThreadLocal<>();

    public MessageGroups(ProcessingOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /**
     * The route's first step: true when an earlier message of this message's group failed in the same receive. The
     * first message of a receive starts a new one.
     */
    public boolean blockedByEarlierFailure(Exchange exchange) {
        Integer index = exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, Integer.class);
        if (index == null || index == 0) {
            failedInBatch.set(new HashMap<>());
            return false;
        }
        Map<String, Integer> failed = failedInBatch.get();
        String group = groupId(exchange);
        return failed != null && group != null && failed.containsKey(group);
    }

    /**
     * Releases a message held back by {@link #blockedByEarlierFailure} without processing it: invisible for the
     * failed message's backoff, counted as a retry. It is not deleted; SQS counts the receive.
     */
    public void release(Exchange exchange) {
        int seconds = failedInBatch.get().get(groupId(exchange));
        Failure failure = new Failure(false, "group-blocked", BLOCKED);
        String receiptHandle = SqsMessages.receiptHandle(exchange);
        if (!(exchange.getFromEndpoint() instanceof Sqs2Endpoint queue) || receiptHandle == null) {
            outcomes.retried(exchange, failure, 0);
            return; // not consumed from SQS (route tests): nothing to release
        }
        outcomes.retried(exchange, failure, seconds);
        String queueUrl = queue.getConfiguration().getQueueUrl();
        try {
            queue.getClient().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout(seconds));
            LOG.warn("Message {} not processed ({}): back on the queue in {} s", SqsMessages.messageId(exchange),
                    BLOCKED, seconds);
        } catch (SdkException e) {
            // Not fatal: it becomes visible again when its current visibility timeout ends, still behind its group
            LOG.warn("Could not set the retry backoff of message {}: {}", SqsMessages.messageId(exchange), e.getMessage());
        }
    }

    /**
     * A message was released after a failure ({@link VisibilityBackoff}): the rest of its group in this receive follows
     * it with the same backoff. Ignored outside a receive this bean has seen start (the DLQ route's threads).
     */
    void failed(Exchange exchange, int backoffSeconds) {
        Map<String, Integer> failed = failedInBatch.get();
        String group = groupId(exchange);
        if (failed != null && group != null) {
            failed.putIfAbsent(group, backoffSeconds);
        }
    }

    private static String groupId(Exchange exchange) {
        return exchange.getMessage().getHeader(SqsMessages.MESSAGE_GROUP_ID, String.class);
    }
}
