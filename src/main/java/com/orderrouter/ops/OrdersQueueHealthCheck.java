package com.orderrouter.ops;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Readiness: the orders queue answers (GetQueueAttributes, which the task role may call). With Camel's own context and
 * route checks, /observe/health/ready is DOWN until the routes have started and the queue is reachable.
 */
public class OrdersQueueHealthCheck extends AbstractHealthCheck {

    private final String queueUrl;

    public OrdersQueueHealthCheck(String queueUrl) {
        super("order-router", "orders-queue");
        this.queueUrl = queueUrl;
    }

    @Override
    public boolean isLiveness() {
        return false; // an unreachable queue is not a reason to restart the container
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("queue", queueUrl);
        try {
            // the same client the routes use, looked up when checked
            SqsClient sqs = getCamelContext().getRegistry().lookupByNameAndType("sqsClient", SqsClient.class);
            sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN));
            builder.up();
        } catch (SdkException e) {
            builder.message("orders queue unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
