package com.orderrouter.localstack;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Where dead letters go besides the DLQ, as Terraform creates them (terraform/s3.tf, terraform/sns.tf), created over
 * the wire on the local S3 ({@link S3Server}) and SNS ({@link SnsStandIn}): the archive bucket, versioned as in AWS,
 * and the alerts topic. Provisioning is idempotent.
 */
public record DeadLetterSinks(String archiveBucket, String alertsTopicArn) {

    /** Creates the archive bucket and the alerts topic with the default names. */
    public static DeadLetterSinks provision(S3Client s3, SnsClient sns) {
        return provision(s3, sns, S3Server.DLQ_ARCHIVE_BUCKET, SnsStandIn.ALERTS_TOPIC_NAME);
    }

    /** Creates a bucket and a topic with the given names (for tests that need their own). */
    public static DeadLetterSinks provision(S3Client s3, SnsClient sns, String bucket, String topicName) {
        S3Server.createBucket(s3, bucket);
        s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        return new DeadLetterSinks(bucket, SnsStandIn.createTopic(sns, topicName));
    }
}
