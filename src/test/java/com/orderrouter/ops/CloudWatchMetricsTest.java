package com.orderrouter.ops;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CloudWatch publishing against a local HTTP endpoint: the PutMetricData request the SDK sends (Smithy RPC v2 CBOR)
 * carries the article's MessagesProcessed{Status} and ProcessingDuration in namespace OrderProcessing.
 */
class CloudWatchMetricsTest {

    private final WireMockServer cloudWatch = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());

    @BeforeEach
    void startCloudWatchEndpoint() {
        cloudWatch.start();
        // PutMetricData's response is an empty CBOR map
        cloudWatch.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(new byte[] { (byte) 0xA0 })));
    }

    @AfterEach
    void stopCloudWatchEndpoint() {
        cloudWatch.stop();
    }

    @Test
    void outcomesArePublishedAsMessagesProcessedByStatusAndProcessingDuration() throws Exception {
        CloudWatchAsyncClient client = CloudWatchAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create(cloudWatch.baseUrl())).build();
        CloudWatchMeterRegistry registry = CloudWatchMetrics.registry(client, Duration.ofSeconds(1));

        registry.counter("orders.messages.processed", "type", "order_created", "outcome", "success").increment(3);
        registry.counter("orders.messages.processed", "type", "order_updated", "outcome", "stale").increment();
        registry.counter("orders.messages.processed", "type", "order_created", "outcome", "poison").increment();
        registry.counter("orders.messages.processed", "type", "unknown", "outcome", "retry").increment(2);
        Timer.builder("orders.processing.duration").tag("type", "order_created").register(registry)
                .record(Duration.ofMillis(40));
        registry.counter("orders.dlq.archived", "reason_class", "invalid-event").increment();
        // published once the 1 s step in which they were recorded has ended
        await().atMost(Duration.ofSeconds(30)).until(() -> value(received(), "MessagesProcessed", "Success") > 0);
        registry.close();

        List<JsonNode> metrics = received();
        assertThat(value(metrics, "MessagesProcessed", "Success")).isEqualTo(4.0);
        assertThat(value(metrics, "MessagesProcessed", "Failure")).isEqualTo(3.0);
        assertThat(metrics).extracting(m -> m.get("MetricName").asText())
                .contains("ProcessingDuration.count")
                .allMatch(name -> name.startsWith("MessagesProcessed") || name.startsWith("ProcessingDuration"));
    }

    /** Every metric datum of every PutMetricData request so far. */
    private List<JsonNode> received() throws Exception {
        List<JsonNode> metrics = new ArrayList<>();
        for (LoggedRequest request : cloudWatch.findAll(anyRequestedFor(anyUrl()))) {
            assertThat(request.getUrl()).endsWith("/operation/PutMetricData");
            JsonNode body = cbor.readTree(request.getBody());
            assertThat(body.get("Namespace").asText()).isEqualTo("OrderProcessing");
            body.get("MetricData").forEach(metrics::add);
        }
        return metrics;
    }

    private static double value(List<JsonNode> metrics, String name, String status) {
        return metrics.stream().filter(m -> m.get("MetricName").asText().equals(name))
                .filter(m -> m.get("Dimensions").size() == 1
                        && m.get("Dimensions").get(0).get("Name").asText().equals("Status")
                        && m.get("Dimensions").get(0).get("Value").asText().equals(status))
                .mapToDouble(m -> m.get("Value").asDouble()).sum();
    }
}
