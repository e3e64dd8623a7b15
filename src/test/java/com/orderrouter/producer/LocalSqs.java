package com.orderrouter.producer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An ElasticMQ server of the producer tests' own on a free loopback port (the shared stack also starts DynamoDB, S3
 * and SNS, which these tests do not need).
 */
final class LocalSqs implements AutoCloseable {

    static final Region REGION = Region.US_EAST_1;

    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient sqs;
    private int queues;

    LocalSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION.id()).start();
        endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = newClient();
    }

    /** A client on this server, with the given interceptors (e.g. to count calls). */
    SqsClient newClient(ExecutionInterceptor... interceptors) {
        return SqsClient.builder().region(REGION).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> List.of(interceptors).forEach(c::addExecutionInterceptor)).build();
    }

    /** A new standard queue, so that every test sees only its own messages. */
    String newQueue() {
        return sqs.createQueue(b -> b.queueName("orders-queue-" + ++queues)).queueUrl();
    }

    /** A FIFO queue as the article configures it: our own deduplication ids, no content-based deduplication. */
    String fifoQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
    }

    /**
     * Receives and deletes until a receive waiting 1 s comes back empty: every message the queue will deliver, in
     * delivery order, with all system attributes. Deleting lets a FIFO group's next message through.
     */
    List<Message> drain(String queueUrl) {
        List<Message> received = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(300)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return received;
            }
            received.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
    }

    @Override
    public void close() {
        sqs.close();
        server.stopAndWait();
    }
}
