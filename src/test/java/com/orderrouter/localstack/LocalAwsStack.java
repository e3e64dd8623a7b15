package com.orderrouter.localstack;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS-compatible servers on loopback, started by the project itself (no Docker, no account): SQS served in-process by
 * ElasticMQ, DynamoDB by dynalite (Node child process), S3 in-process by S3Proxy, and SNS by {@link SnsStandIn}, a
 * WireMock-based stand-in (there is no open-source SNS server on our registries). It provisions the same resources as Terraform (see
 * {@link Resources}) and stops everything on {@link #close()}. Static keys are used for these local servers only.
 */
public final class LocalAwsStack implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider LOCAL_KEYS = StaticCredentialsProvider
            .create(AwsBasicCredentials.create("local", "local"));

    private static LocalAwsStack shared;

    private final SQSRestServer sqsServer;
    private final Dynalite dynalite;
    private final S3Server s3Server;
    private final SnsStandIn snsStandIn;
    private final String sqsEndpoint;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final SnsClient sns;
    private final Resources resources;
    private final DeadLetterSinks sinks;

    private LocalAwsStack(Resources.Names names) {
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION.id())
                .withAWSAccountId(Resources.ACCOUNT_ID).start();
        sqsEndpoint = "http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort();
        dynalite = Dynalite.start();
        s3Server = S3Server.start();
        snsStandIn = SnsStandIn.start();
        sqs = SqsClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .endpointOverride(URI.create(sqsEndpoint)).build();
        dynamoDb = DynamoDbClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .endpointOverride(URI.create(dynalite.endpoint())).build();
        s3 = s3Server.newClient(LOCAL_KEYS);
        sns = snsStandIn.newClient(LOCAL_KEYS);
        resources = Resources.provision(sqs, dynamoDb, names);
        sinks = DeadLetterSinks.provision(s3, sns);
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

    /** Ends a DynamoDB outage: dynalite comes back on the same port, empty, and the table is created again. */
    public void restartDynamoDb() {
        dynalite.restart();
        Resources.createTable(dynamoDb, resources.tableName());
    }

    public S3Server s3Server() {
        return s3Server;
    }

    public SnsStandIn snsStandIn() {
        return snsStandIn;
    }

    public S3Client s3() {
        return s3;
    }

    public DeadLetterSinks sinks() {
        return sinks;
    }

    /** New SDK clients for the service under test (it gets its own, as in production). */
    public SqsClient newSqsClient(ExecutionInterceptor... interceptors) {
        return SqsClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .overrideConfiguration(c -> List.of(interceptors).forEach(c::addExecutionInterceptor))
                .endpointOverride(URI.create(sqsEndpoint)).build();
    }

    /** Configured as the service's own (standard retry mode), but pointed at dynalite. */
    public DynamoDbClient newDynamoDbClient() {
        return DynamoDbClient.builder().region(REGION).credentialsProvider(LOCAL_KEYS)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .endpointOverride(URI.create(dynalite.endpoint())).build();
    }

    public S3Client newS3Client() {
        return s3Server.newClient(LOCAL_KEYS);
    }

    public SnsClient newSnsClient() {
        return snsStandIn.newClient(LOCAL_KEYS);
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
        env.put("DLQ_BUCKET", sinks.archiveBucket());
        env.put("ALERTS_TOPIC", sinks.alertsTopicArn());
        env.put("AWS_REGION", REGION.id());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint());
        env.put("AWS_ENDPOINT_URL_S3", s3Server.endpoint());
        env.put("AWS_ENDPOINT_URL_SNS", snsStandIn.endpoint());
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
                "orders.table", resources.tableName(),
                "orders.archive.bucket", sinks.archiveBucket(),
                "orders.alerts.topic-arn", sinks.alertsTopicArn());
    }

    @Override
    public void close() {
        sqs.close();
        dynamoDb.close();
        s3.close();
        sns.close();
        dynalite.close();
        s3Server.close();
        snsStandIn.close();
        sqsServer.stopAndWait();
    }
}
