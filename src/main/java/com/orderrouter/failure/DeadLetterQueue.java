package com.orderrouter.failure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.archive.DeadLetterArchive;
import com.orderrouter.archive.DeadLetterRecord;
import com.orderrouter.dynamodb.ItemNotYetCreatedException;
import com.orderrouter.ingest.MessageSizeLimit;
import com.orderrouter.ops.Tracing;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends a failed message to the DLQ with SendMessage: the body byte for byte, every original attribute with its data
 * type, the {@link DeadLetterContext} as the one attribute {@value DeadLetterContext#ATTRIBUTE}, and the trace context
 * ({@code traceparent}: the service's span when tracing is on, else the caller's context, see Tracing). The SDK is
 * called directly because camel-aws2-sqs turns headers into String, Number or Binary attributes only and would lose
 * custom types such as {@code String.tenant}.
 *
 * <p>SQS allows 10 attributes: originals take the slots the context and the trace context leave, in name order; the
 * rest ride inside the context. A FIFO DLQ gets the message's group and its source message id as deduplication id, so
 * a message dead-lettered twice within SQS's 5-minute window is stored once.
 *
 * <p>A copy that would be over the DLQ's {@code MaximumMessageSize} (body plus attribute names, types and values, as SQS
 * counts them; the copy adds about 0.5 KB of context to the original) is not sent: the message is archived to S3 and
 * alerted on directly, with the same record, key and alert as the DLQ route gives a copy.
 */
public class DeadLetterQueue {

    static final String RETRIES_EXHAUSTED = "retries-exhausted";
    /** The DLQ route's archive-and-alert steps, shared with the dead letters too large for a DLQ copy. */
    static final String ARCHIVE_ROUTE = "direct:dead-letter-to-s3-and-sns";
    private static final int MAX_ATTRIBUTES = 10;

    private final Supplier<SqsClient> sqs;
    private final FailureClassifier classifier;
    private final ProcessingOutcomes outcomes;
    private final OrdersRedrivePolicy redrivePolicy;
    private final ObjectMapper json;
    private final Supplier<MessageSizeLimit> dlqSizeLimit;
    private final Supplier<DeadLetterArchive> archive;

    @PropertyInject("orders.dlq.url")
    private String dlqUrl;

    @Produce(ARCHIVE_ROUTE)
    private ProducerTemplate archiveRoute;

    public DeadLetterQueue(Supplier<SqsClient> sqs, FailureClassifier classifier, ProcessingOutcomes outcomes,
            OrdersRedrivePolicy redrivePolicy, ObjectMapper json, Supplier<MessageSizeLimit> dlqSizeLimit,
            Supplier<DeadLetterArchive> archive) {
        this.sqs = sqs;
        this.classifier = classifier;
        this.outcomes = outcomes;
        this.redrivePolicy = redrivePolicy;
        this.json = json;
        this.dlqSizeLimit = dlqSizeLimit;
        this.archive = archive;
    }

    /** The dead-letter channel's endpoint: a poison message goes to the DLQ at once. */
    public void poison(Exchange exchange) {
        Failure failure = classifier.classify(caught(exchange));
        send(exchange, failure);
        outcomes.deadLettered(exchange, failure);
    }

    /**
     * True on the receive the orders queue's redrive policy says is the last ({@code ApproximateReceiveCount >=
     * maxReceiveCount}); never for the DLQ route, whose queue has no redrive and whose failures only wait.
     */
    public boolean isLastReceive(Exchange exchange) {
        if (ProcessingOutcomes.DLQ_ROUTE.equals(exchange.getFromRouteId())) {
            return false;
        }
        OptionalInt max = redrivePolicy.maxReceiveCount();
        return max.isPresent() && SqsMessages.receiveCount(exchange) >= max.getAsInt();
    }

    /**
     * A transient failure on the last receive: to the DLQ as {@code retries-exhausted} with the last failure as its
     * reason (an update whose create never came: "order 123 was never created"), so the archive says what failed.
     */
    public void retriesExhausted(Exchange exchange) {
        Exception caught = caught(exchange);
        ItemNotYetCreatedException missing = find(caught, ItemNotYetCreatedException.class);
        String reason = missing != null ? missing.neverCreated() : classifier.classify(caught).reason();
        Failure failure = new Failure(false, RETRIES_EXHAUSTED, reason);
        send(exchange, failure);
        outcomes.retriesExhausted(exchange, failure);
    }

    private void send(Exchange exchange, Failure failure) {
        Message received = SqsMessages.received(exchange);
        String sourceMessageId = received.getHeader(Sqs2Constants.MESSAGE_ID, String.class);
        String group = received.getHeader(SqsMessages.MESSAGE_GROUP_ID, String.class);
        String body = received.getBody(String.class);
        Map<String, MessageAttributeValue> arrived = SqsMessages.messageAttributes(received);
        // every attribute as it arrived, a "dead-letter" one too: a producer could write one, so on the orders queue it
        // is an original (carried inside the new context), never read as the service's
        Map<String, TypedAttribute> originals = DeadLetterContext.originals(arrived, null);
        // the service's span when tracing injected it on the way to this bean, else the caller's trace context
        String trace = Tracing.traceparent(exchange.getMessage().getHeaders());

        Map<String, TypedAttribute> attributes = new LinkedHashMap<>();
        Map<String, TypedAttribute> carried = new LinkedHashMap<>();
        int slots = MAX_ATTRIBUTES - 1 - (trace == null ? 0 : 1);
        originals.forEach((name, value) -> {
            // in any letter case: Camel's headers ignore case, so a DLQ consumer would see two names as one
            boolean reserved = name.equalsIgnoreCase(DeadLetterContext.ATTRIBUTE)
                    || name.equalsIgnoreCase(DeadLetterContext.TRACE_ATTRIBUTE);
            if (!reserved && attributes.size() < slots) {
                attributes.put(name, value);
            } else {
                carried.put(name, value);
            }
        });
        String sourceQueue = SqsMessages.sourceQueueUrl(exchange);
        DeadLetterContext context = new DeadLetterContext(failure.reason(), failure.errorClass(),
                sourceQueue == null ? exchange.getFromEndpoint().getEndpointUri() : sourceQueue, sourceMessageId,
                sentAt(received), group, SqsMessages.receiveCount(exchange), Instant.now().toString(),
                exchange.getFromRouteId(), carried.isEmpty() ? null : carried);
        attributes.put(DeadLetterContext.ATTRIBUTE, TypedAttribute.string(toJson(context)));
        if (trace != null) {
            attributes.put(DeadLetterContext.TRACE_ATTRIBUTE, TypedAttribute.string(trace));
        }

        int copyBytes = TypedAttribute.utf8(body);
        for (Map.Entry<String, TypedAttribute> attribute : attributes.entrySet()) {
            copyBytes += attribute.getValue().bytes(attribute.getKey());
        }
        if (!dlqSizeLimit.get().fits(copyBytes)) {
            archiveDirectly(context, body, originals, received, trace);
            return;
        }
        Map<String, MessageAttributeValue> sqsAttributes = new LinkedHashMap<>();
        attributes.forEach((name, value) -> sqsAttributes.put(name, value.toSqs()));
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(dlqUrl)
                .messageBody(body).messageAttributes(sqsAttributes);
        if (dlqUrl.endsWith(".fifo")) {
            String id = sourceMessageId == null ? exchange.getExchangeId() : sourceMessageId;
            request.messageGroupId(group == null ? id : group).messageDeduplicationId(id);
        }
        sqs.get().sendMessage(request.build());
    }

    /**
     * A DLQ copy over the DLQ's size limit would be rejected, and the message would wait for SQS's redrive to move it
     * without its reason: it is archived and alerted on directly instead, by the DLQ route's own steps
     * ({@value #ARCHIVE_ROUTE}), with the record its copy would have given. A failure there propagates, so the
     * message stays on its queue and is retried, never dropped.
     */
    private void archiveDirectly(DeadLetterContext context, String body, Map<String, TypedAttribute> originals,
            Message received, String trace) {
        DeadLetterRecord record = archive.get().toRecord(context, body, originals, SqsMessages.systemAttributes(received));
        Exchange archived = archiveRoute.send(ARCHIVE_ROUTE, e -> {
            e.setProperty(DeadLetterArchive.RECORD_PROPERTY, record);
            // the alert stays in the message's trace
            e.getMessage().setHeader(DeadLetterContext.TRACE_ATTRIBUTE, trace);
        });
        if (archived.getException() != null) {
            throw new IllegalStateException("archiving " + record.s3Key() + " directly failed: "
                    + archived.getException().getMessage(), archived.getException());
        }
    }

    private static String sentAt(Message received) {
        String sent = received.getHeader(SqsMessages.SENT_TIMESTAMP, String.class);
        return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)).toString();
    }

    private String toJson(DeadLetterContext context) {
        try {
            return json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the dead-letter context", e);
        }
    }

    private static Exception caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    private static <T extends Throwable> T find(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
