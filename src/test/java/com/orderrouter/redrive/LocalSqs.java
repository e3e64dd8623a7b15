package com.orderrouter.redrive;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * An ElasticMQ server of the redrive and replay tests' own, so their queues and counts are not shared with other
 * tests, and a client with helpers to fill and read queues.
 */
public final class LocalSqs implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCESS_KEY = "local";
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient sqs;

    /** An orders queue and its DLQ (the orders queue's redrive policy points at it, as in Terraform). */
    public record Queues(String queueUrl, String dlqUrl) {
        public Map<String, String> environment() {
            return Map.of("QUEUE_URL", queueUrl, "DLQ_URL", dlqUrl, "AWS_REGION", REGION.id());
        }
    }

    private LocalSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION.id())
                .withAWSAccountId("000000000000").start();
        endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = newClient();
    }

    /** A client of its own, for a command that closes the client it is given. */
    public SqsClient newClient() {
        return SqsClient.builder().region(REGION).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
                .build();
    }

    public static LocalSqs start() {
        return new LocalSqs();
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String endpoint() {
        return endpoint;
    }

    /** New queues with unique names; {@code maxReceiveCount} receives on the orders queue move a message to the DLQ. */
    public Queues newQueues(boolean fifo, int maxReceiveCount) {
        String name = "orders-" + QUEUES.incrementAndGet();
        String suffix = fifo ? ".fifo" : "";
        Map<QueueAttributeName, String> fifoAttributes = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq" + suffix).attributes(fifoAttributes)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new HashMap<>(fifoAttributes);
        attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        String queueUrl = sqs.createQueue(b -> b.queueName(name + suffix).attributes(attributes)).queueUrl();
        return new Queues(queueUrl, dlqUrl);
    }

    /** Sends straight to a queue, as the service does when it dead-letters a poison message. */
    public void send(String queueUrl, List<String> bodies, Map<String, MessageAttributeValue> attributes, String groupId) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (String body : bodies.subList(from, Math.min(from + 10, bodies.size()))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(entries.size())).messageBody(body)
                        .messageAttributes(attributes).messageGroupId(groupId)
                        .messageDeduplicationId(groupId == null ? null : "dedup-" + from + "-" + entries.size())
                        .build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("not sent: " + response.failed());
            }
        }
    }

    /**
     * A dead letter moved by the orders queue's redrive policy itself (no error attributes, a
     * {@code DeadLetterQueueSourceArn}): received once without being deleted, the next receive moves it (queues made
     * with {@code maxReceiveCount} 1).
     */
    public void deadLetterByRedrivePolicy(Queues queues, String body) {
        sqs.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody(body));
        sqs.receiveMessage(b -> b.queueUrl(queues.queueUrl()).visibilityTimeout(0).waitTimeSeconds(1));
        sqs.receiveMessage(b -> b.queueUrl(queues.queueUrl()).visibilityTimeout(0).waitTimeSeconds(0));
    }

    /** Receives and deletes everything visible now, with all attributes. */
    public List<Message> drain(String queueUrl) {
        List<Message> drained = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                return drained;
            }
            drained.addAll(messages);
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message message : messages) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(entries.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    /** Messages ready to be received. */
    public int visible(String queueUrl) {
        return count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** Messages received and not yet deleted or made visible again. */
    public int inFlight(String queueUrl) {
        return count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private int count(String queueUrl, QueueAttributeName attribute) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(attribute))
                .attributes().get(attribute));
    }

    @Override
    public void close() {
        sqs.close();
        server.stopAndWait();
    }
}
