package com.orderrouter.localstack;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The resources Terraform creates in AWS (terraform/queues.tf, terraform/dynamodb.tf), created on the local servers
 * with the same settings: the orders queue with a redrive policy to its DLQ after 3 receives, and the orders table
 * ({@code pk}/{@code sk} strings, on-demand).
 */
public record Resources(Names names, String ordersQueueUrl, String deadLetterQueueUrl, String deadLetterQueueArn) {

    static final String ACCOUNT_ID = "000000000000";
    public static final int MAX_RECEIVE_COUNT = 3;
    /** 6 × the 50 s processing budget, as in Terraform. */
    public static final int VISIBILITY_TIMEOUT_SECONDS = 300;
    private static final int RETENTION_SECONDS = 1_209_600;
    /**
     * SQS's largest message, 1 MiB, on every queue as in Terraform. ElasticMQ accepts the attribute but neither keeps
     * nor reports it; its own limit is the same 1 MiB, per message and per SendMessageBatch.
     */
    public static final String MAX_MESSAGE_BYTES = "1048576";

    /** Resource names; tests that need isolation use their own. */
    public record Names(String ordersQueue, String deadLetterQueue, String table) {
        public static final Names DEFAULT = new Names("orders-queue", "orders-queue-dlq", "orders");
    }

    public String tableName() {
        return names.table();
    }

    static Resources provision(SqsClient sqs, DynamoDbClient dynamoDb, Names names) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(names.deadLetterQueue()).attributes(Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(RETENTION_SECONDS),
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, MAX_MESSAGE_BYTES))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(names.ordersQueue()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(VISIBILITY_TIMEOUT_SECONDS),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(RETENTION_SECONDS),
                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20",
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, MAX_MESSAGE_BYTES,
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}"))).queueUrl();
        createTable(dynamoDb, names.table());
        return new Resources(names, queueUrl, dlqUrl, dlqArn);
    }

    /**
     * The FIFO variant (Terraform's {@code fifo = true}): {@code orders-queue.fifo} and {@code orders-queue-dlq.fifo},
     * deduplication ids supplied by the producer (content-based deduplication off), deduplication per message group
     * and throughput per group, redrive after 3 receives.
     */
    public static Resources provisionFifo(SqsClient sqs, Resources standard) {
        return provisionFifo(sqs, standard, "orders-queue");
    }

    /** The FIFO pair under its own names ({@code <name>.fifo}, {@code <name>-dlq.fifo}), for a test that needs them alone. */
    public static Resources provisionFifo(SqsClient sqs, Resources standard, String name) {
        Map<QueueAttributeName, String> fifo = Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, MAX_MESSAGE_BYTES);
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq.fifo").attributes(fifo)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>(fifo);
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(VISIBILITY_TIMEOUT_SECONDS));
        // the article's high-throughput mode, as Terraform sets it (ElasticMQ accepts these and ignores them)
        attributes.put(QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup");
        attributes.put(QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId");
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}");
        String queueUrl = sqs.createQueue(b -> b.queueName(name + ".fifo").attributes(attributes)).queueUrl();
        return new Resources(new Names(name + ".fifo", name + "-dlq.fifo", standard.tableName()), queueUrl,
                dlqUrl, dlqArn);
    }

    /** The orders table: {@code pk}/{@code sk} strings, on-demand. */
    static void createTable(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }
}
