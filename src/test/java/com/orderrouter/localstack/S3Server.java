package com.orderrouter.localstack;

import java.net.URI;
import java.util.concurrent.TimeoutException;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 for the local stack: S3Proxy run in-process on a free loopback port, backed by its in-memory blob store
 * ({@link TransientNio2BlobStore}, an in-memory file system). Authentication is off, so any SigV4-signed request from
 * the AWS SDK is accepted whatever its keys. Clients must use path-style addressing ({@code forcePathStyle(true)}):
 * there is no DNS for {@code <bucket>.127.0.0.1}.
 *
 * <p>{@link #stop()} and {@link #restart()} simulate an S3 outage: while stopped the port refuses connections; the
 * restart binds the same port and serves the same blob store, so buckets and objects survive the outage.
 */
public final class S3Server implements AutoCloseable {

    /** The bucket the DLQ route archives into (Terraform's {@code archive_bucket_name} in AWS). */
    public static final String DLQ_ARCHIVE_BUCKET = "orders-dlq-archive";

    /** An outage is abrupt: no graceful wait for open (keep-alive) connections. */
    private static final long STOP_TIMEOUT_MS = 0;

    private final BlobStore blobStore = new TransientNio2BlobStore();
    private int port;
    private S3Proxy proxy;

    private S3Server() {
    }

    /** Starts S3Proxy on a free port of 127.0.0.1. */
    public static S3Server start() {
        S3Server server = new S3Server();
        server.startOn(0);
        return server;
    }

    /** The http URL for {@code endpointOverride} and {@code AWS_ENDPOINT_URL_S3}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** An S3 client for this server: path-style, the given keys (any keys are accepted), the stack's region. */
    public S3Client newClient(AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .region(LocalAwsStack.REGION)
                .credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .build();
    }

    /** Creates a bucket (as Terraform would) and waits until it exists; an existing bucket is left as it is. */
    public static void createBucket(S3Client s3, String bucket) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (SdkServiceException e) {
            // BucketAlreadyOwnedByYou / BucketAlreadyExists: provisioning is idempotent
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        s3.waiter().waitUntilBucketExists(b -> b.bucket(bucket));
    }

    /** Simulates an outage: the port refuses connections until {@link #restart()}. Data is kept. */
    public synchronized void stop() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (TimeoutException e) {
                // Jetty gave up waiting for open connections and closed them: the server is stopped
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not stop: " + e.getMessage(), e);
            } finally {
                proxy = null;
            }
        }
    }

    /** Starts again on the same port with the same blob store, so clients reconnect and find their data. */
    public synchronized void restart() {
        stop();
        startOn(port);
    }

    @Override
    public synchronized void close() {
        stop();
        blobStore.close();
    }

    private synchronized void startOn(int requestedPort) {
        S3Proxy started = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + requestedPort))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .stopTimeout(STOP_TIMEOUT_MS)
                .build();
        try {
            started.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + requestedPort + ": " + e.getMessage(), e);
        }
        proxy = started;
        port = started.getPort();
    }
}
