package com.orderrouter.localstack;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS-compatible servers on loopback, started by the project itself (no Docker, no account): SQS served in-process by
 * ElasticMQ, DynamoDB by dynalite (Node child process). It provisions the same resources as Terraform (see
 * {@link Resources}) and stops everything on {@link #close()}. Static keys are used for these local servers only.
 */
public final class LocalAwsStack implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider LOCAL_KEYS = StaticCredentialsProvider
            .create(AwsBasicCredentials.create("local", "local"));

    private static LocalAwsStack shared;

    private final SQSRestServer sqsServer;
    private final Dynalite dynalite;
    private final String sqsEndpoint;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final Resources resources;

    private LocalAwsStack(Resources.Names names) {
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION.id())
                .withAWSAccountId(Resources.ACCOUNT_ID).start();
        sqsEndpoint = "http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort();
        dynalite = Dynalite.start();
        sqs = SqsClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .endpointOverride(URI.create(sqsEndpoint)).build();
        dynamoDb = DynamoDbClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .endpointOverride(URI.create(dynalite.endpoint())).build();
        resources = Resources.provision(sqs, dynamoDb, names);
    }

    /** A new stack with the default resource names. */
    public static LocalAwsStack start() {
        return new LocalAwsStack(Resources.Names.DEFAULT);
    }

    /** One stack for all tests in this JVM, closed when the JVM exits. */
    public static synchronized LocalAwsStack shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-aws-stack-stop"));
        }
        return shared;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public Resources resources() {
        return resources;
    }

    public Dynalite dynalite() {
        return dynalite;
    }

    /** New SDK clients for the service under test (it gets its own, as in production). */
    public SqsClient newSqsClient() {
        return SqsClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .endpointOverride(URI.create(sqsEndpoint)).build();
    }

    public DynamoDbClient newDynamoDbClient() {
        return DynamoDbClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .endpointOverride(URI.create(dynalite.endpoint())).build();
    }

    /**
     * The environment that points the service's jar at this stack: the same variables as in production, plus the AWS
     * SDK's standard endpoint overrides and static keys for the local servers.
     */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUEUE_URL", resources.ordersQueueUrl());
        env.put("DLQ_URL", resources.deadLetterQueueUrl());
        env.put("TABLE_NAME", resources.tableName());
        env.put("AWS_REGION", REGION.id());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }

    /** The Camel properties the service derives from {@link #serviceEnvironment()}, for in-process tests. */
    public Map<String, String> serviceProperties() {
        return Map.of(
                "aws.region", REGION.id(),
                "orders.queue.url", resources.ordersQueueUrl(),
                "orders.queue.name", resources.names().ordersQueue(),
                "orders.dlq.url", resources.deadLetterQueueUrl(),
                "orders.dlq.name", resources.names().deadLetterQueue(),
                "orders.table", resources.tableName());
    }

    @Override
    public void close() {
        sqs.close();
        dynamoDb.close();
        dynalite.close();
        sqsServer.stopAndWait();
    }
}
