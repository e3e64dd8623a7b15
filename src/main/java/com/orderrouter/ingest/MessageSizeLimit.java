package com.orderrouter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
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
 * The size limit of one queue: its {@code MaximumMessageSize}, read once when the service starts (Terraform sets it to
 * SQS's maximum, 1 MiB), so there is no second setting to keep in step. For the orders queue it rejects larger bodies
 * before they are parsed ({@link #check}); for the DLQ it tells whether a DLQ copy fits ({@link #fits}). Whether an order fits a DynamoDB item (400 KB) is DynamoDB's decision: an item over
 * it comes back as a {@code ValidationException}, which is poison ({@code rejected-by-dynamodb}).
 */
public class MessageSizeLimit extends ServiceSupport {

    /** SQS's largest message, 1 MiB (since August 2025): the limit when the queue does not say (ElasticMQ ignores it). */
    public static final int SQS_MAX_BYTES = 1_048_576;

    private static final Logger LOG = LoggerFactory.getLogger(MessageSizeLimit.class);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private final String queueName;
    private volatile int maxBytes = SQS_MAX_BYTES;

    /**
     * @param sqs      the service's SQS client, looked up when the service starts
     * @param queueUrl  the queue
     * @param queueName what the start-up log calls it ("Orders queue")
     */
    public MessageSizeLimit(Supplier<SqsClient> sqs, String queueUrl, String queueName) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueName = queueName;
    }

    /** @throws PoisonMessageException ({@code oversized}) when the UTF-8 body is over the queue's limit */
    public void check(String body) {
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new PoisonMessageException("oversized", "body: " + bytes + " bytes is over the limit of " + maxBytes);
        }
    }

    /** @param bytes a message's size as SQS counts it: body and attributes (names, types, values), UTF-8 */
    public boolean fits(int bytes) {
        return bytes <= maxBytes;
    }

    /** The limit in bytes: the queue's MaximumMessageSize once started. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The queue's {@code MaximumMessageSize} in bytes (GetQueueAttributes), without logging; empty when the queue does
     * not report it.
     *
     * @throws SdkException          when the queue cannot be asked
     * @throws NumberFormatException when it reports something that is not a number
     */
    public static OptionalInt reportedBy(SqsClient sqs, String queueUrl) {
        String reported = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.MAXIMUM_MESSAGE_SIZE).build())
                .attributes().get(QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
        return reported == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(reported));
    }

    @Override
    protected void doStart() {
        try {
            OptionalInt reported = reportedBy(sqs.get(), queueUrl);
            if (reported.isPresent()) {
                maxBytes = reported.getAsInt();
                LOG.info("{} accepts messages up to {} bytes (its MaximumMessageSize)", queueName, maxBytes);
            } else {
                LOG.info("{} does not report MaximumMessageSize; taken as SQS's {} bytes", queueName, SQS_MAX_BYTES);
            }
        } catch (SdkException | NumberFormatException e) {
            // SQS never delivers more than the orders queue accepts, so its check only guards the parser; a DLQ copy
            // over a smaller DLQ limit fails its send and stays on the orders queue: neither is worth stopping for
            LOG.warn("{}: could not read MaximumMessageSize ({}); taken as SQS's {} bytes", queueName, e.getMessage(),
                    SQS_MAX_BYTES);
        }
    }
}
