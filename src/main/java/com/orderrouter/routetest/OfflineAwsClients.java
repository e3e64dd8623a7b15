package com.orderrouter.routetest;

import java.net.URI;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * AWS clients for route tests, which mock every aws2-* endpoint: they point at a closed port, so a call that escapes
 * the mocks fails loudly instead of reaching a network.
 */
public final class OfflineAwsClients {

    private static final URI CLOSED_PORT = URI.create("http://127.0.0.1:1");

    private OfflineAwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(CLOSED_PORT)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    public static SnsClient sns() {
        return SnsClient.builder().region(Region.US_EAST_1).endpointOverride(CLOSED_PORT)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    /**
     * The aws2-s3 endpoint checks its bucket when it starts, even when mocked; this client answers that check, answers
     * HeadObject from {@code objects} (archive key to user metadata; a missing key is S3's 404) and refuses everything
     * else.
     */
    public static S3Client s3(Map<String, Map<String, String>> objects) {
        return OfflineClient.of(S3Client.class, S3Client.SERVICE_NAME, (method, request) -> {
            if (request instanceof HeadBucketRequest) {
                return HeadBucketResponse.builder().build();
            }
            if (request instanceof HeadObjectRequest head) {
                Map<String, String> metadata = objects.get(head.key());
                if (metadata == null) {
                    throw NoSuchKeyException.builder().statusCode(404).message("Not Found").build();
                }
                return HeadObjectResponse.builder().metadata(metadata).build();
            }
            throw new UnsupportedOperationException("route tests must not call S3: " + method);
        });
    }
}
