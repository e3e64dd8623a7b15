package com.orderrouter.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;

/**
 * The dead-letter path's S3 bucket (DLQ_BUCKET, {@code HeadBucket}) and SNS topic (ALERTS_TOPIC,
 * {@code GetTopicAttributes}), checked with the clients the route uses.
 * <p>
 * At start-up ({@link #verifyAtStartup()}): a bucket or topic that does not exist or may not be used (S3 or SNS
 * answers 4xx, throttling aside) is a misconfiguration and stops the service, naming the setting; one that cannot be
 * reached (connection refused, timeout) or fails (5xx) only warns, and order ingestion starts. The dead-letter route
 * creates its aws2-s3 endpoint (which checks the bucket) with the first dead letter ({@code toD}), so until S3 answers
 * each dead letter fails transiently and waits on the DLQ.
 * <p>
 * As a readiness check ({@code dead-letter-archive}) it is DOWN while either does not answer, with the reason.
 */
public class DeadLetterArchiveCheck extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterArchiveCheck.class);

    private final String bucket;
    private final String topicArn;

    public DeadLetterArchiveCheck(String bucket, String topicArn) {
        super("order-router", "dead-letter-archive");
        this.bucket = bucket;
        this.topicArn = topicArn;
    }

    /** What is wrong with one setting's resource, naming the setting; {@code misconfigured} when retrying cannot help. */
    record Problem(boolean misconfigured, String text) {
    }

    @Override
    public boolean isLiveness() {
        return false; // S3 or SNS being away is not a reason to restart the container
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("bucket", bucket).detail("topic", topicArn);
        List<Problem> problems = problems();
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.message(join(problems)).down();
        }
    }

    /**
     * @throws IllegalStateException naming DLQ_BUCKET and/or ALERTS_TOPIC when a resource does not exist or access is
     *                               denied; an unreachable or failing S3 or SNS is logged (one WARN) instead
     */
    public void verifyAtStartup() {
        List<Problem> problems = problems();
        List<Problem> fatal = problems.stream().filter(Problem::misconfigured).toList();
        if (!fatal.isEmpty()) {
            throw new IllegalStateException("dead-letter archive misconfigured: " + join(fatal));
        }
        if (!problems.isEmpty()) {
            LOG.warn("dead-letter archive not available at start-up, orders are consumed and dead letters wait on the "
                    + "DLQ until it is: {}", join(problems));
        }
    }

    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        check("DLQ_BUCKET", bucket, "S3", () -> s3().headBucket(HeadBucketRequest.builder().bucket(bucket).build()),
                problems::add);
        check("ALERTS_TOPIC", topicArn, "SNS",
                () -> sns().getTopicAttributes(GetTopicAttributesRequest.builder().topicArn(topicArn).build()),
                problems::add);
        return problems;
    }

    private static void check(String setting, String value, String service, Runnable call, Consumer<Problem> problems) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            boolean misconfigured = status >= 400 && status < 500 && status != 408 && !e.isThrottlingException();
            String what = switch (status) {
                case 404 -> "does not exist";
                case 403 -> "access denied";
                default -> e.awsErrorDetails() == null ? "error" : String.valueOf(e.awsErrorDetails().errorCode());
            };
            problems.accept(new Problem(misconfigured,
                    "%s=%s: %s answered %d, %s".formatted(setting, value, service, status, what)));
        } catch (SdkException e) {
            problems.accept(new Problem(false, "%s=%s: %s unreachable: %s".formatted(setting, value, service,
                    PollBackoff.describe(e))));
        }
    }

    private static String join(List<Problem> problems) {
        return String.join("; ", problems.stream().map(Problem::text).toList());
    }

    // the clients the routes use, looked up when checked
    private S3Client s3() {
        return getCamelContext().getRegistry().lookupByNameAndType("s3Client", S3Client.class);
    }

    private SnsClient sns() {
        return getCamelContext().getRegistry().lookupByNameAndType("snsClient", SnsClient.class);
    }
}
