package com.orderrouter.config;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients every aws2-* endpoint autowires. Credentials come from the SDK's default chain (the ECS task role
 * in production); endpoints from the SDK's standard AWS_ENDPOINT_URL[_SERVICE] variables, so the service can be pointed
 * at LocalStack or any compatible server without code changes.
 */
@Configuration
public class AwsClientsConfiguration implements CamelConfiguration {

    @PropertyInject("aws.region")
    private String region;

    @PropertyInject("orders.consumers")
    private int consumers;

    @BindToRegistry
    public SqsClient sqsClient() {
        return SqsClient.builder().region(Region.of(region)).httpClientBuilder(httpClient()).build();
    }

    /**
     * DynamoDB's SDK default (legacy mode, 8 retries up to 20 s apart) would stack under the route's own redelivery and
     * hold a consumer for minutes in an outage; standard mode makes 3 attempts with jittered backoff.
     */
    @BindToRegistry
    public DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().region(Region.of(region)).httpClientBuilder(httpClient())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
    }

    @BindToRegistry
    public S3Client s3Client() {
        return S3Client.builder().region(Region.of(region)).httpClientBuilder(httpClient()).build();
    }

    @BindToRegistry
    public SnsClient snsClient() {
        return SnsClient.builder().region(Region.of(region)).httpClientBuilder(httpClient()).build();
    }

    /** Enough pooled connections that no consumer thread waits for one (polls, writes, deletes, visibility). */
    private ApacheHttpClient.Builder httpClient() {
        return ApacheHttpClient.builder().maxConnections(Math.max(50, consumers * 4));
    }
}
