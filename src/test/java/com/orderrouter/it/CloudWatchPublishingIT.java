package com.orderrouter.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.orderrouter.localstack.CloudWatchStandIn;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * METRICS_CLOUDWATCH_ENABLED in the jar, against a local PutMetricData endpoint (AWS_ENDPOINT_URL_CLOUDWATCH): on, the
 * service publishes MessagesProcessed{Status} and ProcessingDuration for what it processed; off (the default), it
 * sends nothing. The service stops with SIGTERM before the check, which publishes the step in progress, so the totals
 * are exact without waiting for a step to pass. Its own queue pair keeps other tests' messages out of the counts.
 */
class CloudWatchPublishingIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final StackProbe probe = new StackProbe(STACK);

    @ParameterizedTest(name = "METRICS_CLOUDWATCH_ENABLED={0}")
    @ValueSource(booleans = { true, false })
    void metricsCloudWatchEnabledSwitchesPublishingOn(boolean enabled) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queueUrl = STACK.sqs().createQueue(b -> b.queueName("orders-cw-" + suffix)).queueUrl();
        String dlqUrl = STACK.sqs().createQueue(b -> b.queueName("orders-cw-dlq-" + suffix)).queueUrl();
        String batch = OrdersSqsToDynamodbIT.newOrderId();
        try (CloudWatchStandIn cloudWatch = CloudWatchStandIn.start()) {
            Map<String, String> env = new LinkedHashMap<>(Map.of("QUEUE_URL", queueUrl, "DLQ_URL", dlqUrl,
                    "AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint(), "ORDERS_POLL_WAIT_SECONDS", "1",
                    "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort())));
            if (enabled) {
                env.put("METRICS_CLOUDWATCH_ENABLED", "true");
            }
            try (ServiceProcess service = ServiceProcess.start(STACK, env,
                    Path.of("target/service-cloudwatch-" + enabled + ".log"))) {
                for (String id : new String[] { batch + "-1", batch + "-2" }) {
                    STACK.sqs().sendMessage(b -> b.queueUrl(queueUrl)
                            .messageBody(OrderEventsJson.created(id, "2026-11-27T10:00:00Z")));
                }
                String poison = STACK.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("not json")).messageId();
                await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                        .until(() -> probe.storedOrders(batch + "-", null) == 2
                                && probe.archivedRecordOf(poison).isPresent());
                service.terminate();
                // 128 + 15: the JVM's status for SIGTERM once Camel Main's shutdown hook has drained (README)
                assertThat(service.waitForExit(Duration.ofSeconds(60))).as("exit status after SIGTERM").isEqualTo(143);
            }

            if (enabled) {
                assertThat(cloudWatch.requests()).isNotEmpty().allSatisfy(request -> {
                    assertThat(request.url()).endsWith("/operation/PutMetricData");
                    assertThat(request.namespace()).isEqualTo("OrderProcessing");
                });
                assertThat(cloudWatch.sum("MessagesProcessed", "Status=Success")).isEqualTo(2.0);
                assertThat(cloudWatch.sum("MessagesProcessed", "Status=Failure")).isEqualTo(1.0);
                assertThat(cloudWatch.sum("ProcessingDuration.count")).isEqualTo(3.0);
            } else {
                assertThat(cloudWatch.requests()).as("requests to CloudWatch with publishing off").isEmpty();
            }
        } finally {
            STACK.sqs().deleteQueue(b -> b.queueUrl(queueUrl));
            STACK.sqs().deleteQueue(b -> b.queueUrl(dlqUrl));
        }
    }
}
