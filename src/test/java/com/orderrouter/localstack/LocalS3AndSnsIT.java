package com.orderrouter.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * The local S3 ({@link S3Server}: S3Proxy) and SNS ({@link SnsStandIn}: WireMock) over the wire, with the AWS SDK v2
 * clients the service uses, configured as the service is: endpoint override, static keys, us-east-1 (and path-style
 * addressing for S3). No sleeps: every step is a synchronous request.
 */
class LocalS3AndSnsIT {

    private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider
            .create(AwsBasicCredentials.create("local", "local"));
    private static final String BUCKET = S3Server.DLQ_ARCHIVE_BUCKET;

    private static S3Server s3Server;
    private static SnsStandIn snsStandIn;
    private static S3Client s3;
    private static SnsClient sns;
    private static DeadLetterSinks sinks;

    @BeforeAll
    static void startServers() {
        s3Server = S3Server.start();
        snsStandIn = SnsStandIn.start();
        // no SDK retries: an outage must show as one failed call, not as retries with backoff
        s3 = S3Client.builder().region(LocalAwsStack.REGION).credentialsProvider(KEYS)
                .endpointOverride(URI.create(s3Server.endpoint())).forcePathStyle(true)
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
        sns = SnsClient.builder().region(LocalAwsStack.REGION).credentialsProvider(KEYS)
                .endpointOverride(URI.create(snsStandIn.endpoint()))
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
        sinks = DeadLetterSinks.provision(s3, sns);
    }

    @AfterAll
    static void stopServers() {
        if (s3 != null) {
            s3.close();
        }
        if (sns != null) {
            sns.close();
        }
        if (s3Server != null) {
            s3Server.close();
        }
        if (snsStandIn != null) {
            snsStandIn.close();
        }
    }

    @BeforeEach
    void serversAreUp() {
        if (!s3Server.isRunning()) {
            s3Server.restart();
        }
        if (!snsStandIn.isRunning()) {
            snsStandIn.restart();
        }
        snsStandIn.clearPublished();
    }

    // ---------------------------------------------------------------- S3

    @Test
    void provisioningCreatesTheVersionedBucketAndTheTopicIdempotently() {
        assertThat(sinks).isEqualTo(new DeadLetterSinks("orders-dlq-archive",
                "arn:aws:sns:us-east-1:000000000000:orders-alerts"));
        assertThat(DeadLetterSinks.provision(s3, sns)).isEqualTo(sinks); // a second time: no error, same result

        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsOnlyOnce(BUCKET);
        s3.headBucket(b -> b.bucket(BUCKET));
        assertThat(s3.getBucketVersioning(b -> b.bucket(BUCKET)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void aClientWithoutForcePathStyleAlsoWorksBecauseTheEndpointIsAnIpAddress() {
        // the SDK's S3 endpoint rules use path-style for IP endpoints, so the service needs no extra setting
        try (S3Client defaultAddressing = S3Client.builder().region(LocalAwsStack.REGION).credentialsProvider(KEYS)
                .endpointOverride(URI.create(s3Server.endpoint())).build()) {
            defaultAddressing.putObject(b -> b.bucket(BUCKET).key("failed/default-addressing.json"),
                    RequestBody.fromString("{}"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("failed/default-addressing.json"))
                    .asUtf8String()).isEqualTo("{}");
        }
    }

    @Test
    void putGetAndListAnObjectWithNonAsciiKeyAndBody() {
        String key = "failed/2026/11/27/commande-é-ü-日本-🚀 #1.json";
        String body = "{\"order_id\":\"ö-42\",\"note\":\"Grüße, 注文 🚀 <&>\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("application/json")
                .metadata(Map.of("reason-class", "PoisonMessage")), RequestBody.fromBytes(bytes));

        var object = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertThat(object.asUtf8String()).isEqualTo(body);
        assertThat(object.response().contentType()).isEqualTo("application/json");
        assertThat(object.response().metadata()).containsEntry("reason-class", "PoisonMessage");

        List<S3Object> listed = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("failed/2026/11/27/")).contents();
        assertThat(listed).extracting(S3Object::key).contains(key);
        assertThat(listed).filteredOn(o -> o.key().equals(key)).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(bytes.length));
    }

    @Test
    void anS3OutageRefusesConnectionsAndTheRestartKeepsTheData() {
        String endpoint = s3Server.endpoint();
        s3.putObject(b -> b.bucket(BUCKET).key("failed/before-outage.json"), RequestBody.fromString("{}"));

        s3Server.stop();
        assertThat(s3Server.isRunning()).isFalse();
        assertConnectionRefused(s3Server.port());
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("failed/during-outage.json"),
                RequestBody.fromString("{}")))
                .isInstanceOf(SdkClientException.class);

        s3Server.restart();
        assertThat(s3Server.endpoint()).isEqualTo(endpoint);
        s3.putObject(b -> b.bucket(BUCKET).key("failed/after-outage.json"), RequestBody.fromString("{\"ok\":true}"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("failed/after-outage.json")).asUtf8String())
                .isEqualTo("{\"ok\":true}");
        // the same blob store: what was there before the outage still is
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("failed/before-outage.json")).asUtf8String())
                .isEqualTo("{}");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("failed/")).contents()).extracting(S3Object::key)
                .contains("failed/before-outage.json", "failed/after-outage.json")
                .doesNotContain("failed/during-outage.json");
    }

    // ---------------------------------------------------------------- SNS

    @Test
    void topicIsCreatedIdempotentlyDescribedAndListed() {
        String arn = SnsStandIn.createTopic(sns, SnsStandIn.ALERTS_TOPIC_NAME);
        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:orders-alerts")
                .isEqualTo(snsStandIn.topicArn(SnsStandIn.ALERTS_TOPIC_NAME));
        assertThat(SnsStandIn.createTopic(sns, SnsStandIn.ALERTS_TOPIC_NAME)).isEqualTo(arn);

        Map<String, String> attributes = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
        assertThat(attributes).containsEntry("TopicArn", arn).containsEntry("Owner", "000000000000");
        assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).containsOnlyOnce(arn);
    }

    @Test
    void publishIsRecordedWithSubjectMessageAndAttributes() {
        String arn = SnsStandIn.createTopic(sns, SnsStandIn.ALERTS_TOPIC_NAME);
        String message = "{\"source\":\"orders-queue-dlq\",\"body\":\"Grüße 🚀 <&>\"}";

        String first = sns.publish(b -> b.topicArn(arn).subject("DLQ Message Received").message(message)
                .messageAttributes(Map.of("reason-class", MessageAttributeValue.builder()
                        .dataType("String").stringValue("PoisonMessage").build()))).messageId();
        String second = sns.publish(b -> b.topicArn(arn).subject("DLQ Message Received").message("second")
                .messageAttributes(Map.of("reason-class", MessageAttributeValue.builder()
                        .dataType("String").stringValue("TransientFailure").build()))).messageId();

        assertThat(first).isNotBlank().isNotEqualTo(second);
        assertThat(snsStandIn.published()).hasSize(2);
        SnsStandIn.PublishedAlert alert = snsStandIn.published().get(0);
        assertThat(alert.messageId()).isEqualTo(first);
        assertThat(alert.topicArn()).isEqualTo(arn);
        assertThat(alert.subject()).isEqualTo("DLQ Message Received");
        assertThat(alert.message()).isEqualTo(message);
        assertThat(alert.messageAttributes()).containsExactly(
                Map.entry("reason-class", new SnsStandIn.MessageAttribute("String", "PoisonMessage")));
        assertThat(alert.attribute("reason-class")).isEqualTo("PoisonMessage");
        assertThat(snsStandIn.published().get(1).messageId()).isEqualTo(second);
        assertThat(snsStandIn.published().get(1).attribute("reason-class")).isEqualTo("TransientFailure");
    }

    @Test
    void publishToAMissingTopicIsNotFound() {
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(snsStandIn.topicArn("no-such-topic")).message("x")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                });
        assertThat(snsStandIn.published()).isEmpty();
    }

    @Test
    void anUnsupportedActionGetsAnSnsError() {
        assertThatThrownBy(() -> sns.listSubscriptions())
                .isInstanceOfSatisfying(SnsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("ListSubscriptions");
                });
    }

    @Test
    void anSnsOutageRefusesConnectionsAndTheRestartKeepsTheTopic() {
        String arn = SnsStandIn.createTopic(sns, SnsStandIn.ALERTS_TOPIC_NAME);
        String endpoint = snsStandIn.endpoint();

        snsStandIn.stop();
        assertThat(snsStandIn.isRunning()).isFalse();
        assertConnectionRefused(snsStandIn.port());
        // a pooled keep-alive connection fails with NoHttpResponseException, a new one with ConnectException:
        // both are SdkClientExceptions, which is what the service sees
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(arn).message("during outage")))
                .isInstanceOf(SdkClientException.class);

        snsStandIn.restart();
        assertThat(snsStandIn.endpoint()).isEqualTo(endpoint);
        sns.publish(b -> b.topicArn(arn).message("after outage"));
        assertThat(snsStandIn.published()).extracting(SnsStandIn.PublishedAlert::message)
                .containsExactly("after outage");
    }

    private static void assertConnectionRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
