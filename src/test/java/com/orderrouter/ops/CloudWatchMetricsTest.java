package com.orderrouter.ops;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.localstack.CloudWatchStandIn;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch publishing against a local HTTP endpoint: the PutMetricData request the SDK sends (Smithy RPC v2 CBOR)
 * carries the article's MessagesProcessed{Status} and ProcessingDuration in namespace OrderProcessing. The step is
 * long and the registry is closed, which publishes the step in progress: one request with everything recorded.
 */
class CloudWatchMetricsTest {

    private final CloudWatchStandIn cloudWatch = CloudWatchStandIn.start();

    @AfterEach
    void stopCloudWatchEndpoint() {
        cloudWatch.close();
    }

    @Test
    void outcomesArePublishedAsMessagesProcessedByStatusAndNothingElse() {
        CloudWatchMeterRegistry registry = registry();

        registry.counter("orders.messages.processed", "type", "order_created", "outcome", "success").increment(3);
        registry.counter("orders.messages.processed", "type", "order_updated", "outcome", "stale").increment();
        registry.counter("orders.messages.processed", "type", "order_created", "outcome", "poison").increment();
        registry.counter("orders.messages.processed", "type", "unknown", "outcome", "retry").increment(2);
        registry.counter("orders.dlq.archived", "reason_class", "invalid-event").increment();
        registry.close();

        assertThat(cloudWatch.requests()).allSatisfy(request -> {
            assertThat(request.url()).endsWith("/operation/PutMetricData");
            assertThat(request.namespace()).isEqualTo("OrderProcessing");
        });
        assertThat(cloudWatch.sum("MessagesProcessed", "Status=Success")).isEqualTo(4.0);
        assertThat(cloudWatch.sum("MessagesProcessed", "Status=Failure")).isEqualTo(3.0);
        assertThat(cloudWatch.metricData()).extracting(m -> m.get("MetricName").asText())
                .allMatch(name -> name.startsWith("MessagesProcessed"));
    }

    @Test
    void processingDurationIsPublishedAsCountSumAvgAndMaxInMilliseconds() {
        CloudWatchMeterRegistry registry = registry();

        // two message types: one ProcessingDuration without dimensions, over both
        Timer.builder("orders.processing.duration").tag("type", "order_created").register(registry)
                .record(Duration.ofMillis(40));
        Timer.builder("orders.processing.duration").tag("type", "order_updated").register(registry)
                .record(Duration.ofMillis(100));
        registry.close();

        List<JsonNode> data = cloudWatch.metricData();
        assertThat(data).extracting(m -> m.get("MetricName").asText() + " " + m.get("Value").asDouble() + " "
                + m.get("Unit").asText() + " " + m.path("Dimensions").size())
                .containsExactlyInAnyOrder(
                        "ProcessingDuration.count 2.0 Count 0",
                        "ProcessingDuration.sum 140.0 Milliseconds 0",
                        "ProcessingDuration.avg 70.0 Milliseconds 0",
                        "ProcessingDuration.max 100.0 Milliseconds 0");
    }

    private CloudWatchMeterRegistry registry() {
        CloudWatchAsyncClient client = CloudWatchAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create(cloudWatch.endpoint())).build();
        return CloudWatchMetrics.registry(client, Duration.ofMinutes(1));
    }
}
