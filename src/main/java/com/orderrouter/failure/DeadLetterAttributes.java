package com.orderrouter.failure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Prepares a poison message for the DLQ (the dead-letter channel's {@code onPrepareFailure}). The body is the original
 * message, byte for byte; every header that would become a message attribute is replaced, so the DLQ copy carries
 * exactly the error attributes below plus the message's own attributes, within SQS's limit of 10 per message.
 */
public class DeadLetterAttributes implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterAttributes.class);
    /** SQS allows 10 message attributes; one stays free for the trace context (traceparent) tracing adds on send. */
    private static final int ATTRIBUTE_BUDGET = 9;

    private final FailureClassifier classifier;
    private final ProcessingOutcomes outcomes;

    public DeadLetterAttributes(FailureClassifier classifier, ProcessingOutcomes outcomes) {
        this.classifier = classifier;
        this.outcomes = outcomes;
    }

    @Override
    public void process(Exchange exchange) {
        Failure failure = classifier.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        if (!failure.poison()) {
            return; // Camel runs this before every failure processor; only poison is headed for the DLQ
        }
        Message message = exchange.getMessage();

        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("error-reason", failure.reason());
        attributes.put("error-class", failure.errorClass());
        String sourceQueue = SqsMessages.sourceQueueUrl(exchange);
        attributes.put("source-queue", sourceQueue == null ? exchange.getFromEndpoint().getEndpointUri() : sourceQueue);
        String messageId = SqsMessages.messageId(exchange);
        if (messageId != null) {
            attributes.put("source-message-id", messageId);
        }
        attributes.put("receive-count", String.valueOf(SqsMessages.receiveCount(exchange)));
        attributes.put("failed-at", Instant.now().toString());
        attributes.put("route-id", exchange.getFromRouteId());

        for (Map.Entry<String, MessageAttributeValue> original : SqsMessages.messageAttributes(exchange).entrySet()) {
            if (attributes.size() >= ATTRIBUTE_BUDGET && !original.getKey().equals("traceparent")) {
                LOG.warn("Message {} has more attributes than SQS allows next to the error attributes; not copied: {}",
                        messageId, original.getKey());
                continue;
            }
            attributes.putIfAbsent(original.getKey(), original.getValue().stringValue());
        }

        // a FIFO DLQ copy stays in its order's message group (the DLQ endpoint's messageGroupIdStrategy reads it)
        String group = message.getHeader(SqsMessages.MESSAGE_GROUP_ID, String.class);
        if (group != null) {
            exchange.setProperty(Sqs2Constants.MESSAGE_GROUP_ID_PROPERTY, group);
        }
        // Camel* headers stay (the receipt handle deletes the message afterwards) and never become attributes
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("Camel"));
        message.getHeaders().putAll(attributes);
        outcomes.deadLettered(exchange, failure);
    }
}
