package com.orderrouter.failure;

import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The orders queue's {@code maxReceiveCount}, read from its {@code RedrivePolicy} (GetQueueAttributes) when the service
 * starts, so it is configured in one place (Terraform). Without a redrive policy the service never dead-letters a
 * transient failure. If the queue cannot be read at start-up, it is read again when first needed, at most once a
 * minute; until then transient failures are not dead-lettered (SQS's redrive, if any, stays the backstop).
 */
public class OrdersRedrivePolicy extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersRedrivePolicy.class);
    private static final long RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int NONE = 0;

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private final ObjectMapper json;
    /** null until read; {@link #NONE} when the queue has no redrive policy */
    private volatile Integer maxReceiveCount;
    private volatile long nextAttempt = System.nanoTime();

    public OrdersRedrivePolicy(Supplier<SqsClient> sqs, String queueUrl, ObjectMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.json = json;
    }

    @Override
    protected void doStart() {
        read();
    }

    /** @return the queue's maxReceiveCount, or empty when it has no redrive policy or could not be read yet */
    public OptionalInt maxReceiveCount() {
        Integer max = maxReceiveCount;
        if (max == null && System.nanoTime() - nextAttempt >= 0) {
            read();
            max = maxReceiveCount;
        }
        return max == null || max == NONE ? OptionalInt.empty() : OptionalInt.of(max);
    }

    private synchronized void read() {
        if (maxReceiveCount != null) {
            return;
        }
        try {
            String policy = sqs.get().getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
            int max = policy == null || policy.isBlank() ? NONE : json.readTree(policy).path("maxReceiveCount").asInt();
            maxReceiveCount = Math.max(max, NONE);
            if (maxReceiveCount == NONE) {
                LOG.warn("The orders queue has no redrive policy: transient failures are retried until they succeed and"
                        + " never dead-lettered");
            } else {
                LOG.info("Orders queue redrive policy: maxReceiveCount={}; a message that still fails transiently on "
                        + "receive {} is sent to the DLQ as retries-exhausted", maxReceiveCount, maxReceiveCount);
            }
        } catch (SdkException | JsonProcessingException e) {
            nextAttempt = System.nanoTime() + RETRY_NANOS;
            LOG.warn("Could not read the orders queue's redrive policy, trying again in a minute; until then transient "
                    + "failures are not dead-lettered: {}", Quoted.message(e.getMessage()));
        }
    }
}
