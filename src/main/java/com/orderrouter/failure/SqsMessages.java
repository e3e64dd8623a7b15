package com.orderrouter.failure;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** What the aws2-sqs consumer put on an exchange: the message's identity, receive count and attributes. */
final class SqsMessages {

    /** System attributes arrive as headers named after the attribute (see Sqs2Consumer). */
    static final String RECEIVE_COUNT = "ApproximateReceiveCount";
    /** FIFO queues only. */
    static final String MESSAGE_GROUP_ID = "MessageGroupId";

    private SqsMessages() {
    }

    static String messageId(Exchange exchange) {
        return exchange.getMessage().getHeader(Sqs2Constants.MESSAGE_ID, String.class);
    }

    static String receiptHandle(Exchange exchange) {
        return exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
    }

    static int receiveCount(Exchange exchange) {
        Integer count = exchange.getMessage().getHeader(RECEIVE_COUNT, Integer.class);
        return count == null ? 1 : count;
    }

    @SuppressWarnings("unchecked")
    static Map<String, MessageAttributeValue> messageAttributes(Exchange exchange) {
        Map<String, MessageAttributeValue> attributes = exchange.getMessage().getHeader(Sqs2Constants.MESSAGE_ATTRIBUTES,
                Map.class);
        return attributes == null ? Map.of() : attributes;
    }

    /** URL of the queue the exchange was consumed from, or null when it did not come from SQS (route tests). */
    static String sourceQueueUrl(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        return from instanceof Sqs2Endpoint sqs ? sqs.getConfiguration().getQueueUrl() : null;
    }
}
