package com.orderrouter.failure;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

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


    private final ProcessingOutcomes outcomes;
    /** The groups that failed in the polling thread's current receive, with their backoff in seconds. */
    private final ThreadLocal<Map<String, Integer>> failedInBatch = new ThreadLocal<>();

    public MessageGroups(ProcessingOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /**
     * The route's first check (for messages with a group, and for the first message of each receive, which starts the
     * receive's record afresh): true when an earlier message of this message's group failed in the same receive.
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
        if (!SqsMessages.releasable(exchange)) {
            outcomes.retried(exchange, failure, 0);
            return; // not consumed from SQS (route tests): nothing to release
        }
        // ProcessingOutcomes logs the release (one WARN, with the ids); it stays behind its group
        outcomes.retried(exchange, failure, seconds);
        SqsMessages.releaseIn(exchange, seconds);
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
