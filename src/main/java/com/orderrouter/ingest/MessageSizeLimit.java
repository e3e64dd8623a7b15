package com.orderrouter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.orderrouter.failure.PoisonMessageException;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Rejects bodies larger than the orders queue accepts, before parsing them. The limit is the queue's
 * {@code MaximumMessageSize}, read once when the service starts (Terraform sets it to SQS's maximum, 1 MiB), so there is
 * no second setting to keep in step. Whether an order fits a DynamoDB item (400 KB) is DynamoDB's decision: an item over
 * it comes back as a {@code ValidationException}, which is poison ({@code rejected-by-dynamodb}).
 */
public class MessageSizeLimit extends ServiceSupport {

    /** SQS's largest message, 1 MiB (since August 2025): the limit when the queue does not say (ElasticMQ ignores it). */
    public static final int SQS_MAX_BYTES = 1_048_576;

    private static final Logger LOG = LoggerFactory.getLogger(MessageSizeLimit.class);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private volatile int maxBytes = SQS_MAX_BYTES;

    /**
     * @param sqs      the service's SQS client, looked up when the service starts
     * @param queueUrl the orders queue
     */
    public MessageSizeLimit(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** @throws PoisonMessageException ({@code oversized}) when the UTF-8 body is over the queue's limit */
    public void check(String body) {
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new PoisonMessageException("oversized", "body: " + bytes + " bytes is over the limit of " + maxBytes);
        }
    }

    /** The limit in bytes: the queue's MaximumMessageSize once started. */
    public int maxBytes() {
        return maxBytes;
    }

    @Override
    protected void doStart() {
        try {
            String reported = sqs.get().getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.MAXIMUM_MESSAGE_SIZE).build())
                    .attributes().get(QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
            if (reported != null) {
                maxBytes = Integer.parseInt(reported);
                LOG.info("Orders queue accepts messages up to {} bytes (its MaximumMessageSize)", maxBytes);
            } else {
                LOG.info("Orders queue does not report MaximumMessageSize; bodies up to SQS's {} bytes are accepted",
                        SQS_MAX_BYTES);
            }
        } catch (SdkException | NumberFormatException e) {
            // SQS never delivers more than the queue accepts, so this check only guards the parser: do not stop for it
            LOG.warn("Could not read MaximumMessageSize of the orders queue ({}); bodies up to SQS's {} bytes are "
                    + "accepted", e.getMessage(), SQS_MAX_BYTES);
        }
    }
}
