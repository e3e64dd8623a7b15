package com.orderrouter.routes;

import java.lang.reflect.Proxy;
import java.net.URI;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients for route tests, which mock every aws2-* endpoint: they point at a closed port, so a call that escapes
 * the mocks fails loudly instead of reaching a network.
 */
final class OfflineAwsClients {

    private static final URI CLOSED_PORT = URI.create("http://127.0.0.1:1");

    private OfflineAwsClients() {
    }

    static SqsClient sqs() {
        return SqsClient.builder().region(Region.US_EAST_1).endpointOverride(CLOSED_PORT)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(CLOSED_PORT)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    static SnsClient sns() {
        return SnsClient.builder().region(Region.US_EAST_1).endpointOverride(CLOSED_PORT)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    /**
     * The aws2-s3 endpoint checks its bucket when it starts, even when mocked; this client answers that check and
     * refuses everything else.
     */
    static S3Client s3() {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] { S3Client.class },
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "OfflineS3Client";
                        };
                    }
                    if (method.getName().equals("headBucket") && args != null && args[0] instanceof HeadBucketRequest) {
                        return HeadBucketResponse.builder().build();
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("serviceName")) {
                        return S3Client.SERVICE_NAME;
                    }
                    throw new UnsupportedOperationException("route tests must not call S3: " + method.getName());
                });
    }
}
