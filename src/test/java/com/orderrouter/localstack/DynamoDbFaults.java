package com.orderrouter.localstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A WireMock proxy in front of dynalite (point {@code AWS_ENDPOINT_URL_DYNAMODB} at {@link #endpoint()}) that passes
 * every request through, except the {@code PutItem}s of one order while a fault is armed: those get DynamoDB's
 * {@code 500 InternalServerError}, a transient failure, without reaching dynalite. Every request is journaled, so a
 * test can count what the service asked DynamoDB, per operation and order, in the order it arrived.
 */
public final class DynamoDbFaults implements AutoCloseable {

    private static final String TARGET = "X-Amz-Target";
    private static final String PREFIX = "DynamoDB_20120810.";

    /** One request as the proxy saw it: operation ({@code PutItem}, ...), whether it was failed, the JSON body. */
    public record Request(String operation, int status, String body) {
        public boolean isFor(String orderId) {
            return body.contains("\"ORDER#" + orderId + "\"");
        }
    }

    private final WireMockServer proxy;

    private DynamoDbFaults(WireMockServer proxy) {
        this.proxy = proxy;
    }

    public static DynamoDbFaults inFrontOf(Dynalite dynalite) {
        WireMockServer proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(16).jettyStopTimeout(1_000L));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(dynalite.endpoint())));
        return new DynamoDbFaults(proxy);
    }

    public String endpoint() {
        return proxy.baseUrl();
    }

    /** Fails every PutItem of the order until {@link #clear} is called with what this returns. */
    public StubMapping failPutItemOf(String orderId) {
        return proxy.stubFor(post(anyUrl()).atPriority(1).withHeader(TARGET, equalTo(PREFIX + "PutItem"))
                .withRequestBody(containing("\"ORDER#" + orderId + "\""))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                                + "\"message\":\"fault injected by the test\"}")));
    }

    public void clear(StubMapping fault) {
        proxy.removeStub(fault);
    }

    /** Every request so far, oldest first. */
    public List<Request> requests() {
        List<ServeEvent> events = new ArrayList<>(proxy.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        return events.stream().map(e -> new Request(
                String.valueOf(e.getRequest().getHeader(TARGET)).replace(PREFIX, ""),
                e.getResponse().getStatus(), e.getRequest().getBodyAsString())).toList();
    }

    @Override
    public void close() {
        proxy.stop();
    }
}
