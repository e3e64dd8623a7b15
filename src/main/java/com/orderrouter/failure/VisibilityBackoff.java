package com.orderrouter.failure;

import org.apache.camel.Exchange;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Releases a message whose in-process retries are exhausted back to its queue, invisible for
 * {@code min(max, base × 2^(receiveCount−1))} seconds. The message is not deleted and not dead-lettered here: the
 * queue's redrive policy moves it to the DLQ after {@code maxReceiveCount} receives.
 */
public class VisibilityBackoff {

    private static final Logger LOG = LoggerFactory.getLogger(VisibilityBackoff.class);

    private final FailureClassifier classifier;
    private final ProcessingOutcomes outcomes;
    private final MessageGroups groups;

    @PropertyInject("orders.backoff.base-seconds")
    private int baseSeconds;

    @PropertyInject("orders.backoff.max-seconds")
    private int maxSeconds;

    public VisibilityBackoff(FailureClassifier classifier, ProcessingOutcomes outcomes, MessageGroups groups) {
        this.classifier = classifier;
        this.outcomes = outcomes;
        this.groups = groups;
    }

    public void release(Exchange exchange) {
        int receiveCount = SqsMessages.receiveCount(exchange);
        int seconds = backoffSeconds(receiveCount, baseSeconds, maxSeconds);
        // FIFO: the rest of its group in this receive follows it with the same backoff
        groups.failed(exchange, seconds);
        Failure failure = classifier.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        String receiptHandle = SqsMessages.receiptHandle(exchange);
        if (!(exchange.getFromEndpoint() instanceof Sqs2Endpoint queue) || receiptHandle == null) {
            outcomes.retried(exchange, failure, 0);
            return; // not consumed from SQS (route tests): nothing to release
        }
        outcomes.retried(exchange, failure, seconds);
        String queueUrl = queue.getConfiguration().getQueueUrl();
        try {
            // the client that received the message releases it
            queue.getClient().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(seconds));
            // ProcessingOutcomes logged the release (WARN, with the ids); this only confirms it was applied
            LOG.debug("Message {} failed ({}), receive {}: back on the queue in {} s", SqsMessages.messageId(exchange),
                    failure.reason(), receiveCount, seconds);
        } catch (SdkException e) {
            // Not fatal: the message still becomes visible again when its current visibility timeout ends.
            LOG.warn("Could not set the retry backoff of message {}: {}", SqsMessages.messageId(exchange), e.getMessage());
        }
    }

    static int backoffSeconds(int receiveCount, int baseSeconds, int maxSeconds) {
        int exponent = Math.min(Math.max(receiveCount, 1) - 1, 20);
        return (int) Math.min(maxSeconds, (long) baseSeconds << exponent);
    }
}
