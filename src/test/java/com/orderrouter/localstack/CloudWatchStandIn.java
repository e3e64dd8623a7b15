package com.orderrouter.localstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A local endpoint for CloudWatch's {@code PutMetricData} as SDK 2.41 sends it (Smithy RPC v2 CBOR, POST
 * {@code /service/GraniteServiceVersion20100801/operation/PutMetricData}): WireMock on a free loopback port that
 * accepts every request and decodes what it received. Nothing else of CloudWatch is served.
 */
public final class CloudWatchStandIn implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());

    private CloudWatchStandIn() {
        server.start();
        // PutMetricData's response is an empty CBOR map
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(new byte[] { (byte) 0xA0 })));
    }

    public static CloudWatchStandIn start() {
        return new CloudWatchStandIn();
    }

    /** The URL for {@code endpointOverride} and {@code AWS_ENDPOINT_URL_CLOUDWATCH}. */
    public String endpoint() {
        return server.baseUrl();
    }

    /** One decoded PutMetricData request: its namespace and metric data. */
    public record PutMetricData(String url, String namespace, List<JsonNode> metricData) {
    }

    /** Every request received so far, decoded, in order. */
    public List<PutMetricData> requests() {
        List<PutMetricData> requests = new ArrayList<>();
        for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
            try {
                JsonNode body = cbor.readTree(request.getBody());
                List<JsonNode> data = new ArrayList<>();
                body.path("MetricData").forEach(data::add);
                requests.add(new PutMetricData(request.getUrl(), body.path("Namespace").asText(null), data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return requests;
    }

    /** The metric data of every request so far. */
    public List<JsonNode> metricData() {
        return requests().stream().flatMap(r -> r.metricData().stream()).toList();
    }

    /** The sum of the values of a metric with the given dimensions ({@code name=value} pairs, none for none). */
    public double sum(String metricName, String... dimensions) {
        return metricData().stream().filter(m -> m.get("MetricName").asText().equals(metricName))
                .filter(m -> dimensionsOf(m).equals(List.of(dimensions)))
                .mapToDouble(m -> m.get("Value").asDouble()).sum();
    }

    private static List<String> dimensionsOf(JsonNode datum) {
        List<String> dimensions = new ArrayList<>();
        datum.path("Dimensions").forEach(d -> dimensions.add(d.get("Name").asText() + "=" + d.get("Value").asText()));
        return dimensions;
    }

    @Override
    public void close() {
        server.stop();
    }
}
