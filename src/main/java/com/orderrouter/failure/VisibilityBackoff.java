package com.orderrouter.failure;

import org.apache.camel.Exchange;
import org.apache.camel.PropertyInject;

/**
 * Releases a message whose in-process retries are exhausted back to its queue, invisible for
 * {@code min(max, base × 2^(receiveCount−1))} seconds. The message is not deleted and not dead-lettered here: the
 * queue's redrive policy moves it to the DLQ after {@code maxReceiveCount} receives.
 */
public class VisibilityBackoff {


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
        if (!SqsMessages.releasable(exchange)) {
            outcomes.retried(exchange, failure, 0);
            return; // not consumed from SQS (route tests): nothing to release
        }
        // ProcessingOutcomes logs the release (one WARN, with the ids)
        outcomes.retried(exchange, failure, seconds);
        SqsMessages.releaseIn(exchange, seconds);
    }

    static int backoffSeconds(int receiveCount, int baseSeconds, int maxSeconds) {
        int exponent = Math.min(Math.max(receiveCount, 1) - 1, 20);
        return (int) Math.min(maxSeconds, (long) baseSeconds << exponent);
    }
}
