package com.orderrouter.config;

import java.util.Map;

/**
 * What a deployment sets, with values its checks accept, for the commands that load the routes without one
 * (validate-routes, test-routes): placeholders resolve, and nothing is ever called with these values.
 */
public final class StandInDeployment {

    private StandInDeployment() {
    }

    public static Map<String, String> environment() {
        return Map.of(
                "QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/orders-queue",
                "DLQ_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/orders-queue-dlq",
                "TABLE_NAME", "orders",
                "DLQ_BUCKET", "orders-dlq-archive",
                "ALERTS_TOPIC", "arn:aws:sns:us-east-1:000000000000:orders-alerts",
                "AWS_REGION", "us-east-1");
    }
}
