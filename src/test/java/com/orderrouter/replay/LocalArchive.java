package com.orderrouter.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.archive.DeadLetterRecord;
import com.orderrouter.failure.TypedAttribute;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.S3Server;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The replay tests' S3: an S3Proxy server of their own, a bucket per test, and archive records written as the DLQ
 * route writes them (Jackson, schema version 2) under {@code failed/yyyy/mm/dd/<sourceMessageId>.json}.
 */
final class LocalArchive implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final S3Server server = S3Server.start();
    private final S3Client s3 = newClient();

    /** A client of its own (a command closes the client it is given), path-style as S3Proxy needs. */
    S3Client newClient(ExecutionInterceptor... interceptors) {
        return S3Client.builder().region(LocalAwsStack.REGION).forcePathStyle(true)
                .endpointOverride(URI.create(server.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> List.of(interceptors).forEach(c::addExecutionInterceptor)).build();
    }

    String endpoint() {
        return server.endpoint();
    }

    String newBucket() {
        String bucket = "archive-" + BUCKETS.incrementAndGet();
        S3Server.createBucket(s3, bucket);
        return bucket;
    }

    /** A dead letter as the service archives it; {@code group} only for FIFO. */
    static DeadLetterRecord record(Instant sentAt, String body, Map<String, TypedAttribute> attributes,
            String reasonClass, String reason, String group) {
        String id = UUID.randomUUID().toString();
        return new DeadLetterRecord(DeadLetterRecord.SCHEMA_VERSION, id, group, "http://sqs/000000000000/orders-queue",
                sentAt.toString(), body, new TreeMap<>(attributes), reason, reasonClass, 1, sentAt.plusSeconds(1)
                        .toString(), "orders-sqs-to-dynamodb", UUID.randomUUID().toString(),
                Map.of("SentTimestamp", String.valueOf(sentAt.toEpochMilli())),
                "failed/" + DAY.format(sentAt) + "/" + id + ".json", Instant.now().toString());
    }

    /** Writes the record at its key and returns the key. */
    String put(String bucket, DeadLetterRecord record) {
        try {
            putJson(bucket, record.s3Key(), JSON.writeValueAsString(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record.s3Key();
    }

    void putJson(String bucket, String key, String json) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(json));
    }

    List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }

    JsonNode json(String bucket, String key) {
        try {
            return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        server.close();
    }
}
