package com.orderrouter.testing;

import java.util.HashMap;
import java.util.Map;

/** Environments the service's start-up checks take, for tests of those checks. */
public final class Environments {

    /** The routes' declaration of the forward example's queue (README, Changing the routes). */
    public static final String REFUNDS_QUEUE_DECLARED = """
            variables:
              - name: REFUNDS_QUEUE_URL
                property: orders.refunds.queue-url
                required: true
                check: sqs-queue-url
                description: queue refund events are forwarded to
            """;

    private Environments() {
    }

    /** Every required platform setting, valid; a mutable map a test changes. */
    public static Map<String, String> validPlatform() {
        Map<String, String> env = new HashMap<>();
        env.put("QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue");
        env.put("DLQ_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue-dlq");
        env.put("TABLE_NAME", "orders");
        env.put("AWS_REGION", "eu-west-1");
        env.put("DLQ_BUCKET", "orders-dlq-archive-123456789012");
        env.put("ALERTS_TOPIC", "arn:aws:sns:eu-west-1:123456789012:orders-alerts");
        return env;
    }
}
