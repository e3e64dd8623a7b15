package com.orderrouter.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar as a real process, misconfigured: a queue, bucket or topic that does not exist, or no AWS credentials at all,
 * stops start-up (exit 1) with one line naming the setting or the credential chain, before anything else reads the
 * queues (the redrive policy and size limits would otherwise warn and carry on).
 */
class StartupChecksIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(60);

    @Test
    void aQueueUrlNamingAQueueThatDoesNotExistStopsStartUpNamingQueueUrl() throws Exception {
        String missing = missingQueueUrl("no-such-orders-queue");
        try (ServiceProcess service = start(Map.of("QUEUE_URL", missing), Set.of(), "service-no-queue.log")) {
            assertThat(service.waitForExit(EXIT_PATIENCE)).isEqualTo(1);
            assertThat(service.logLines()).last().asString().isEqualTo("order-router failed to start: misconfigured: "
                    + "QUEUE_URL=" + missing + ": SQS answered 400, does not exist (QueueDoesNotExist)");
            assertThat(service.logLines()).as("nothing read the queue before the check")
                    .noneMatch(line -> line.contains("redrive policy") || line.contains("MaximumMessageSize"));
        }
    }

    @Test
    void aDlqUrlNamingAQueueThatDoesNotExistStopsStartUpNamingDlqUrl() throws Exception {
        String missing = missingQueueUrl("no-such-orders-dlq");
        try (ServiceProcess service = start(Map.of("DLQ_URL", missing), Set.of(), "service-no-dlq.log")) {
            assertThat(service.waitForExit(EXIT_PATIENCE)).isEqualTo(1);
            assertThat(service.logLines()).last().asString().isEqualTo("order-router failed to start: misconfigured: "
                    + "DLQ_URL=" + missing + ": SQS answered 400, does not exist (QueueDoesNotExist)");
            assertThat(service.logLines()).as("nothing read the queue before the check")
                    .noneMatch(line -> line.contains("MaximumMessageSize"));
        }
    }

    @Test
    void noAwsCredentialsAnywhereStopStartUpWithinSecondsNamingTheCredentialChain() throws Exception {
        // every source of the SDK's default chain is empty: no keys (ServiceProcess drops the inherited AWS_*
        // variables, container and web identity ones included), no profile files, no instance metadata
        Path nowhere = Path.of("target/no-aws-config").toAbsolutePath();
        long started = System.nanoTime();
        try (ServiceProcess service = start(Map.of("AWS_CONFIG_FILE", nowhere.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", nowhere.resolve("credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true"),
                Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), "service-no-credentials.log")) {
            int status = service.waitForExit(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("no credentials: exit " + status + " after " + took.toMillis() + " ms: "
                    + service.logLines().get(service.logLines().size() - 1));
            assertThat(status).as("exit status within 30 s").isEqualTo(1);
            assertThat(service.logLines()).last().asString().isEqualTo("order-router failed to start: no AWS "
                    + "credentials: the SDK's default credential chain (environment, system properties, web identity, "
                    + "profile, container, instance metadata) found none");
        }
    }

    @Test
    void aBucketThatDoesNotExistStopsStartUpNamingDlqBucket() throws Exception {
        try (ServiceProcess service = start(Map.of("DLQ_BUCKET", "no-such-archive-bucket"), Set.of(),
                "service-no-bucket.log")) {
            assertThat(service.waitForExit(EXIT_PATIENCE)).isEqualTo(1);
            assertThat(service.logLines()).last().asString().isEqualTo("order-router failed to start: misconfigured: "
                    + "DLQ_BUCKET=no-such-archive-bucket: S3 answered 404, does not exist (NoSuchBucket)");
        }
    }

    @Test
    void aTopicThatDoesNotExistStopsStartUpNamingAlertsTopic() throws Exception {
        String topic = "arn:aws:sns:us-east-1:000000000000:no-such-topic";
        try (ServiceProcess service = start(Map.of("ALERTS_TOPIC", topic), Set.of(), "service-no-topic.log")) {
            assertThat(service.waitForExit(EXIT_PATIENCE)).isEqualTo(1);
            assertThat(service.logLines()).last().asString().isEqualTo("order-router failed to start: misconfigured: "
                    + "ALERTS_TOPIC=" + topic + ": SNS answered 404, does not exist (NotFound)");
        }
    }

    /** A URL on the stack's SQS endpoint and account for a queue nobody created. */
    private static String missingQueueUrl(String name) {
        String ordersQueueUrl = STACK.resources().ordersQueueUrl();
        return ordersQueueUrl.substring(0, ordersQueueUrl.lastIndexOf('/') + 1) + name;
    }

    private static ServiceProcess start(Map<String, String> settings, Set<String> unset, String log) {
        Map<String, String> environment = new java.util.HashMap<>(settings);
        environment.put("MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()));
        return ServiceProcess.start(STACK, environment, unset, Path.of("target", log));
    }
}
